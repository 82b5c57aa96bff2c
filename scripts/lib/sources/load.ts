// Reads or renders one source into resources; every problem on the way is a finding, never a crash.
import { readFileSync, statSync } from 'node:fs';
import { kustomizationGraphView, type KustomizationGraphView } from '../kustomize/kustomization-graph.ts';
import type { Finding, Resource, Source } from '../model.ts';
import { appendAll, isRecord } from '../model.ts';
import { parseResourcesFromBytes } from '../parse/resources.ts';
import { MAX_YAML_BYTES } from '../parse/text-bytes.ts';
import type { KustomizationReads } from '../kustomize/kustomization-reads.ts';
import type { KustomizeBinary } from '../render/kustomize-binary.ts';
import type { OriginFiles } from '../render/origin-files.ts';
import type { ProcessSlots } from '../render/process-slots.ts';
import type { RenderCache } from '../render/render-cache.ts';
import { displayPath, inputFinding, isInside, manifestTree, repositoryBoundary } from './discover.ts';
import { SourceIgnores } from './source-ignore.ts';

export interface LoadOptions {
  root: string;
  binary?: KustomizeBinary;
  renderTimeoutMs?: number;
  readStdin?: () => Promise<Uint8Array>;
  /** Parsed origin files shared by the renders of one run (see RenderOptions.origins). */
  origins?: OriginFiles;
  /** Kustomization files read once per run (see RenderOptions.kustomizationReads). */
  kustomizationReads?: KustomizationReads;
  /** Renders reused by content address (see RenderOptions.renders). */
  renders?: RenderCache;
  /** kustomize processes alive at once (see RenderOptions.processes). */
  processes?: ProcessSlots;
  /** The repository's .sourceignore files, read once per run for every Flux source (one made per call without it). */
  sourceIgnores?: SourceIgnores;
}

export interface Loaded {
  resources: Resource[];
  findings: Finding[];
  /** An overlay's kustomization graph as the render guard walked it (also when it refused the overlay). */
  kustomizations?: KustomizationGraphView;
}

export async function loadSource(source: Source, options: LoadOptions): Promise<Loaded> {
  switch (source.kind) {
    case 'stdin': {
      const bytes = await (options.readStdin ?? readStandardInput)();
      return parseResourcesFromBytes(bytes, { source: '-', file: '-' });
    }
    case 'kustomization': {
      if (!options.binary) throw new Error('internal: a kustomization source needs a kustomize binary');
      // The guard (graph walk, boundary, remote and code-running refusals) lives inside the render itself.
      // Imported here: rendering brings execa, which a run over plain files never needs to load.
      const { renderKustomization } = await import('../render/render.ts');
      const { resources, findings, graph } = await renderKustomization(source.path, {
        binary: options.binary,
        source: source.name,
        root: options.root,
        timeoutMs: options.renderTimeoutMs,
        origins: options.origins,
        kustomizationReads: options.kustomizationReads,
        renders: options.renders,
        processes: options.processes,
      });
      return { resources, findings, kustomizations: kustomizationGraphView(graph, { root: options.root, source: source.name }) };
    }
    case 'manifests':
      return readManifests(source, options.root, options.sourceIgnores);
  }
}

function readManifests(source: Source, root: string, sourceIgnores?: SourceIgnores): Loaded {
  const result: Loaded = { resources: [], findings: [] };
  const boundary = repositoryBoundary(root, source.path);
  const reading = source.read && { recurse: source.read.recurse, ...(source.read.sourceIgnore ? { sourceIgnores: sourceIgnores ?? new SourceIgnores(root) } : {}) };
  const tree = statSync(source.path).isDirectory() ? manifestTree(source.path, boundary, reading) : { files: [source.path], loops: [], outside: [] };
  const files = tree.files;
  for (const loop of tree.loops) {
    const shown = displayPath(root, loop);
    result.findings.push(
      inputFinding(source.name, `${shown} is a symlink to a directory that is already read (a loop); it is not read again`, 'Remove the symlink, or point it at a directory that is not already in the manifest paths.', shown),
    );
  }
  for (const directory of tree.outside) {
    const shown = displayPath(root, directory);
    result.findings.push(
      inputFinding(source.name, `${shown} is a symlink to a directory outside the repository; it is not read`, 'Replace the symlink with the manifests themselves, inside the repository.', shown),
    );
  }
  for (const file of files) {
    const shown = displayPath(root, file);
    if (!isInside(boundary, file)) {
      result.findings.push(outsideFinding(source.name, shown));
      continue;
    }
    const size = statSync(file).size;
    if (size > MAX_YAML_BYTES) {
      result.findings.push(
        inputFinding(source.name, `file is ${Math.round(size / 1024 / 1024)} MiB, over the ${MAX_YAML_BYTES / 1024 / 1024} MiB limit`, 'Split the file into smaller manifests.', shown),
      );
      continue;
    }
    const bytes = readFileSync(file);
    // Of a directory's JSON files only Kubernetes objects are manifests; the others are data (dashboards, app config).
    if (file !== source.path && /\.json$/i.test(file) && !isKubernetesJson(bytes)) continue;
    const parsed = parseResourcesFromBytes(bytes, { source: source.name, file: shown });
    appendAll(result.resources, parsed.resources);
    appendAll(result.findings, parsed.findings);
  }
  return result;
}

/** YAML files below a directory inside `boundary` (default: its repository), sorted; Kustomize's own configuration files are not resources. */
export function manifestFiles(dir: string, boundary = repositoryBoundary(process.cwd(), dir)): string[] {
  return manifestTree(dir, boundary).files;
}

/** A JSON file whose top level is an object naming an apiVersion and a kind, as kubectl requires of a manifest. */
function isKubernetesJson(bytes: Buffer): boolean {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
  } catch {
    return false;
  }
}

function outsideFinding(source: string, file: string): Finding {
  return inputFinding(source, `${file} is a symlink that points outside the repository; it is not read`, 'Replace the symlink with a file inside the repository.', file);
}

async function readStandardInput(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
