// What a controller reads when it builds one directory of this repository: with a kustomization file, what
// that file includes (resources, components, bases, followed into local directories); without one, every
// manifest of the directory (Flux generates a kustomization of the whole tree below it; Argo CD reads a plain
// directory, its subdirectories only with `directory.recurse`). Pure: the listing comes from the model.
import { posix } from 'node:path';
import { parse } from 'yaml';
import { isRecord } from '../../../lib/model.ts';
import { isRemoteReference } from '../../../lib/kustomize/remote.ts';
import { hasKustomizationFile, kustomizationIn, type RepositoryFiles } from '../../../lib/repository-files.ts';
import { repositoryPath } from '../lib/repository-paths.ts';

export interface Reach {
  /** Every directory read (the start, the directories its kustomization includes, subdirectories read whole). */
  dirs: Set<string>;
  /** Files a kustomization names one by one. */
  files: Set<string>;
  /** Directories whose every manifest is read (no kustomization file: the controller takes them all). */
  wholeDirs: Set<string>;
}

export const emptyReach = (): Reach => ({ dirs: new Set(), files: new Set(), wholeDirs: new Set() });

export function reaches(reach: Reach, file: string): boolean {
  return reach.files.has(file) || reach.wholeDirs.has(posix.dirname(file));
}

const INCLUDING_FIELDS = ['resources', 'components', 'bases'] as const;

/** What a kustomization file is: kind Component cannot be deployed alone. */
export function kustomizationKind(text: string): string | undefined {
  try {
    const value: unknown = parse(text, { uniqueKeys: false });
    return isRecord(value) && typeof value.kind === 'string' ? value.kind : undefined;
  } catch {
    return undefined;
  }
}

/** The local entries a kustomization includes, relative to the repository; remote ones are not in this tree. */
export function includedEntries(text: string, dir: string): string[] {
  let value: unknown;
  try {
    value = parse(text, { uniqueKeys: false });
  } catch {
    return [];
  }
  if (!isRecord(value)) return [];
  return INCLUDING_FIELDS.flatMap((field) => (Array.isArray(value[field]) ? (value[field] as unknown[]) : []))
    .filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '' && !isRemoteReference(entry))
    .flatMap((entry) => repositoryPath(posix.join(dir, entry)) ?? []);
}

/**
 * What each directory's kustomization includes, kept per listing (weakly: it goes with the run's model). The
 * graph, discovery and the coverage rules walk the same directories again and again: on this repository a
 * run parsed its 19 kustomization files 244 times. Reused only for the same text, so a listing is never
 * answered from an older one.
 */
const includedByListing = new WeakMap<RepositoryFiles, Map<string, { text: string; entries: readonly string[] }>>();

function includedIn(files: RepositoryFiles, dir: string, text: string): readonly string[] {
  let byDir = includedByListing.get(files);
  if (!byDir) {
    byDir = new Map();
    includedByListing.set(files, byDir);
  }
  const known = byDir.get(dir);
  if (known?.text === text) return known.entries;
  const entries = includedEntries(text, dir);
  byDir.set(dir, { text, entries });
  return entries;
}

/** Adds to `into` what building `start` reads; `recurse`: a plain directory includes its subdirectories. */
export function addReach(files: RepositoryFiles, start: string, recurse: boolean, into: Reach): void {
  const pending = [start];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    if (into.dirs.has(dir)) continue;
    const listed = files.directories.get(dir);
    if (!listed) continue;
    into.dirs.add(dir);
    const kustomization = kustomizationIn(files, dir);
    if (kustomization) {
      for (const entry of includedIn(files, dir, kustomization.text)) {
        if (files.directories.has(entry)) pending.push(entry);
        else into.files.add(entry);
      }
      continue;
    }
    // A kustomization file that could not be read: its directory counts as read whole rather than not at all.
    into.wholeDirs.add(dir);
    if (!recurse || hasKustomizationFile(files, dir)) continue;
    for (const name of listed.subdirectories) if (!name.startsWith('.')) pending.push(dir === '.' ? name : `${dir}/${name}`);
  }
}
