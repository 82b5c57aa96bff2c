// Kustomization files read and parsed once per run: overlays share their bases and components, and every
// overlay's walk (scripts/lib/kustomize/graph.ts) would otherwise read them again. Owned by the run
// (runPipeline makes one, a lone render its own), never by the module, so nothing outlives the run.
import { readFileSync } from 'node:fs';
import { readKustomization, type ReadKustomization } from './read-kustomization.ts';

export interface KustomizationRead extends ReadKustomization {
  bytes: Uint8Array;
}

export class KustomizationReads {
  private readonly byFile = new Map<string, KustomizationRead>();

  /** The file at `real` (a real path the walk has checked: a regular file inside the repository). */
  read(real: string): KustomizationRead {
    let read = this.byFile.get(real);
    if (read === undefined) {
      const bytes = readFileSync(real);
      read = { bytes, ...readKustomization(bytes) };
      this.byFile.set(real, read);
    }
    return read;
  }
}
