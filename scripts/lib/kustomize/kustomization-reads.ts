// Kustomization files read and parsed once per run: overlays share their bases and components, and every
// overlay's walk (scripts/lib/kustomize/graph.ts) would otherwise read them again. Owned by the run
// (runPipeline makes one, a lone render its own), never by the module, so nothing outlives the run.
import { statSync } from 'node:fs';
import { readBoundedFile, UnsafeFileError } from '../bounded-file.ts';
import { MAX_KUSTOMIZATION_BYTES, oversizedKustomization, readKustomization, type ReadKustomization } from './read-kustomization.ts';

export interface KustomizationRead extends ReadKustomization {
  /** The file's bytes; empty when it was refused unread (`refused`). */
  bytes: Uint8Array;
  /** Why the file was not read: over the bound, not a regular file, or changed while it was read. */
  refused?: string;
}

export class KustomizationReads {
  private readonly byFile = new Map<string, KustomizationRead>();

  /** The file at `real` (a real path the walk has checked: a regular file inside the repository). */
  read(real: string): KustomizationRead {
    let read = this.byFile.get(real);
    if (read === undefined) {
      read = readBounded(real);
      this.byFile.set(real, read);
    }
    return read;
  }
}

/** Reads at most the bound, on one descriptor: a file that grows after a caller's stat is refused, not loaded whole. */
function readBounded(real: string): KustomizationRead {
  let bytes: Uint8Array;
  try {
    bytes = readBoundedFile(real, MAX_KUSTOMIZATION_BYTES);
  } catch (error) {
    // A file that cannot be opened at all (gone, no permission, too many open files) is the run's failure, as
    // any unreadable input is, not a finding about the file: only what the file turned out to be is refused.
    if (!(error instanceof UnsafeFileError) || (error.code !== undefined && error.code !== 'ELOOP')) throw error;
    const size = sizeOf(real);
    const refusal = size > MAX_KUSTOMIZATION_BYTES ? oversizedKustomization(size) : { references: [], problems: [{ message: error.message, fix: 'Keep the kustomization file a regular file inside the repository, and do not change it during the run.' }] };
    return { bytes: new Uint8Array(), refused: error.message, ...refusal };
  }
  return { bytes, ...readKustomization(bytes) };
}

/** Only for the message: the size the file has now. */
function sizeOf(real: string): number {
  try {
    return statSync(real).size;
  } catch {
    return 0;
  }
}
