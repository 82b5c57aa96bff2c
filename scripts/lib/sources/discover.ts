// Decides what to check: the repository's overlays and GitOps manifests by default, or the paths given.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { INPUT } from '../built-in-rules.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/graph.ts';
import type { Finding, Source } from '../model.ts';
import { gitopsEntryDirectories } from './gitops-entries.ts';
import type { SourceIgnores } from './source-ignore.ts';

/** kustomize's own names for a directory's kustomization file, as the render guard reads them. */
export const KUSTOMIZATION_FILES: readonly string[] = KUSTOMIZATION_FILE_NAMES;
/** Directories of plain manifests the repository reconciles from. */
export const GITOPS_DIRECTORIES = ['flux', 'argocd'];

export interface Discovery {
  sources: Source[];
  findings: Finding[];
}

/** The kustomization file of a directory (kustomization.yaml, .yml or Kustomization), if any. */
export function kustomizationFile(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map((name) => join(dir, name)).find((file) => existsSync(file));
}

export function isKustomization(dir: string): boolean {
  return kustomizationFile(dir) !== undefined;
}

export function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel.split(sep).join('/');
}

/** Directories whose every subdirectory is one thing to check: kustomize overlays, and Flux's per-cluster layout. */
export const SOURCE_PARENT_DIRECTORIES = ['overlays', 'clusters'];

/**
 * Every directory under overlays/ and clusters/ (rendered when it holds a kustomization, else read as
 * manifests, as Flux reads a plain directory), then flux/ and argocd/ as plain manifests, then any other
 * top-level directory whose own YAML files hold a Flux Kustomization or an Argo CD Application, ApplicationSet
 * or AppProject (an app of apps' bootstrap/, apps/ and projects/). What those objects reconcile is found after they are read (the
 * pipeline's followSources). Finding none of them is an input error: a run that checked nothing must not pass
 * as if it had.
 */
export function discoverRepository(root: string): Discovery {
  const sources: Source[] = [];
  for (const parent of SOURCE_PARENT_DIRECTORIES) {
    const parentDir = join(root, parent);
    if (!existsSync(parentDir)) continue;
    for (const entry of readdirSync(parentDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const dir = join(parentDir, entry.name);
      if (!entry.isDirectory()) continue;
      if (isKustomization(dir)) sources.push({ kind: 'kustomization', name: displayPath(root, dir), path: dir });
      // Flux reads a cluster directory from its artifact: every subdirectory, less what .sourceignore excludes.
      else if (parent === 'clusters') sources.push({ kind: 'manifests', name: displayPath(root, dir), path: dir, read: { recurse: true, sourceIgnore: true } });
    }
  }
  for (const name of GITOPS_DIRECTORIES) {
    const dir = join(root, name);
    if (existsSync(dir)) sources.push({ kind: 'manifests', name, path: dir });
  }
  for (const entry of gitopsEntryDirectories(root, [...SOURCE_PARENT_DIRECTORIES, ...GITOPS_DIRECTORIES])) {
    const dir = join(root, entry.name);
    sources.push({ kind: isKustomization(dir) ? 'kustomization' : 'manifests', name: entry.name, path: dir, discoveredBy: `holds ${entry.holds} (${entry.name}/${entry.file})` });
  }
  if (sources.length > 0) return { sources, findings: [] };
  const looked = [...SOURCE_PARENT_DIRECTORIES.map((dir) => `${dir}/*`), ...GITOPS_DIRECTORIES.map((dir) => `${dir}/`)].join(', ');
  return {
    sources,
    findings: [
      inputFinding('.', `nothing to check in ${root}: none of ${looked} exists, and no top-level directory holds a Flux Kustomization or an Argo CD Application`, 'Give the directories or files to check as arguments (e.g. `validate apps/production`), or run from the repository root.'),
    ],
  };
}

/**
 * Paths as given (relative to `cwd`, default the root): a kustomization directory is rendered, anything else
 * read as manifests, '-' is stdin. Sources are named relative to `root`.
 */
export function discoverPaths(paths: readonly string[], root: string, cwd = root): Discovery {
  const sources: Source[] = [];
  const findings: Finding[] = [];
  for (const given of paths) {
    if (given === '-') {
      sources.push({ kind: 'stdin', name: '-', path: '-' });
      continue;
    }
    const path = resolve(cwd, given);
    if (!existsSync(path)) {
      findings.push(inputFinding(given, `path does not exist: ${given}`, 'Check the path; give an overlay directory, a YAML file or - for standard input.'));
      continue;
    }
    // A kustomization file given by name stands for its directory, which is what kustomize builds.
    const target = KUSTOMIZATION_FILES.includes(basename(path)) && statSync(path).isFile() ? dirname(path) : path;
    const kind = statSync(target).isDirectory() && isKustomization(target) ? 'kustomization' : 'manifests';
    sources.push({ kind, name: displayPath(root, target) === target ? (target === path ? given : dirname(given)) : displayPath(root, target), path: target });
  }
  return { sources, findings };
}

export function inputFinding(source: string, message: string, fix: string, file = source): Finding {
  return { rule: INPUT.id, severity: 'error', message, fix, source, file };
}

/**
 * What counts as "the repository" for a source: the git work tree that holds it (the nearest `.git` above
 * it), narrowed to the working directory only when that directory is inside the work tree and holds the
 * source. Outside any work tree: the working directory when it holds the source, else the source itself.
 * Never a directory above the work tree, so a link from a repository to its neighbours is never followed.
 */
export function repositoryBoundary(root: string, path: string): string {
  const rootHolds = safeIsInside(root, path);
  const workTree = gitWorkTree(path);
  if (workTree === undefined) return rootHolds ? root : path;
  return rootHolds && safeIsInside(workTree, root) ? root : workTree;
}

/** The nearest directory at or above `path` (as written, not through links) that holds a `.git`. */
export function gitWorkTree(path: string): string | undefined {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function safeIsInside(root: string, path: string): boolean {
  try {
    return isInside(root, path);
  } catch {
    return false;
  }
}

/** True when the real location of `path` (after symlinks) is inside `root`. */
export function isInside(root: string, path: string): boolean {
  const realRoot = realpathSync(root);
  const real = realpathSync(path);
  return real === realRoot || real.startsWith(realRoot + sep);
}

/** What `kubectl apply -f DIR` reads: YAML and JSON files (a JSON file that is no Kubernetes object is data, see load.ts). */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

export interface ManifestTree {
  /** YAML and JSON files below the directory, sorted; Kustomize's own configuration files are not resources. */
  files: string[];
  /** Symlinked directories that lead to a directory already read (a loop back to a parent, or a second link). */
  loops: string[];
  /** Symlinked directories that lead outside the boundary: never entered. */
  outside: string[];
}

/** How a controller reads a plain directory (Source.read): by default every subdirectory, nothing ignored. */
export interface ManifestReading {
  /** false: the directory's own files only (Argo CD without `directory.recurse`). */
  recurse?: boolean;
  /** Leave out what the repository's .sourceignore files exclude (Flux's artifact). */
  sourceIgnores?: SourceIgnores;
}

/**
 * The YAML files of a manifest directory. Symlinked directories are followed, but each real directory is read
 * once, so a link back to a parent ends the walk there instead of recursing until the path is too long. The walk
 * keeps its own stack: depth of the tree never becomes depth of the call stack. A directory whose real path is
 * outside `boundary` is not entered (a link to / would otherwise walk the whole filesystem).
 */
export function manifestTree(dir: string, boundary: string, reading: ManifestReading = {}): ManifestTree {
  const files: string[] = [];
  const loops: string[] = [];
  const outside: string[] = [];
  const realBoundary = realpathSync(boundary);
  const inside = (real: string) => real === realBoundary || real.startsWith(realBoundary + sep);
  const seen = new Set<string>();
  const top = realpathSync(dir);
  if (!inside(top)) return { files, loops, outside: [dir] };
  const ignores = reading.sourceIgnores;
  const ignored = (path: string, isDirectory: boolean) => ignores !== undefined && ignores.excludes(relative(ignores.root, path).split(sep).join('/'), isDirectory);
  const start = ignores === undefined ? '' : relative(ignores.root, dir).split(sep).join('/');
  if (ignores !== undefined && start !== '' && ignores.excludesAnyOf(start, true)) return { files, loops, outside };
  const stack: string[] = [dir];
  seen.add(top);
  while (stack.length > 0) {
    const current = stack.pop()!;
    const subdirectories: string[] = [];
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && safeIsDirectory(path));
      if (ignored(path, isDirectory)) continue;
      if (isDirectory) {
        if (reading.recurse === false) continue;
        const real = safeRealpath(path);
        if (real === undefined) continue;
        if (!inside(real)) {
          outside.push(path);
          continue;
        }
        if (seen.has(real)) {
          loops.push(path);
          continue;
        }
        seen.add(real);
        subdirectories.push(path);
      } else if (MANIFEST_FILE.test(entry.name) && !KUSTOMIZATION_FILES.includes(entry.name)) files.push(path);
    }
    for (let i = subdirectories.length - 1; i >= 0; i--) stack.push(subdirectories[i]!);
  }
  return { files: files.sort(byPathSegments), loops, outside };
}

/** The order of a depth-first walk in name order: paths compared by their first differing segment. */
function byPathSegments(a: string, b: string): number {
  const left = a.split(sep);
  const right = b.split(sep);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] === right[i]) continue;
    // A file and a directory at the same level keep the order of their names, as readdir sorted them.
    return left[i]!.localeCompare(right[i]!);
  }
  return left.length - right.length;
}

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
