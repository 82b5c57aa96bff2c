// Renders one kustomization with kustomize and maps every resource back to the file it came from.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { execa } from 'execa';
import { parse as parseYaml } from 'yaml';
import type { Finding, KubeObject, Resource } from '../model.ts';
import { RENDER } from '../built-in-rules.ts';
import { parseResources } from '../parse/resources.ts';
import { ImageOverrides } from './image-overrides.ts';
import { OriginFiles } from './origin-files.ts';
import { resolveKustomize, type KustomizeBinary } from './kustomize-binary.ts';

export interface RenderOptions {
  /** Resolved once by the caller; resolved here when omitted. */
  binary?: KustomizeBinary;
  /** Shown in findings as the source; defaults to the directory relative to `root`. */
  source?: string;
  /** Paths in findings are relative to it. */
  root?: string;
  timeoutMs?: number;
}

export interface RenderResult {
  resources: Resource[];
  findings: Finding[];
}

const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
/** Overlays share their bases: each origin file is parsed once per process, not once per render. */
const ORIGINS = new OriginFiles();
const DEFAULT_TIMEOUT_MS = 120_000;

export async function renderKustomization(dir: string, options: RenderOptions = {}): Promise<RenderResult> {
  const root = options.root ?? process.cwd();
  const overlay = resolve(root, dir);
  const source = options.source ?? (relative(root, overlay) || '.');
  // A wrapper switches on origin annotations without touching the user's tree; kustomize refuses
  // absolute resource paths, so it refers to the overlay relatively.
  const wrapper = await mkdtemp(join(tmpdir(), 'openclaw-render-'));
  const fromWrapper = relative(wrapper, overlay);
  try {
    await writeFile(
      join(wrapper, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${JSON.stringify(fromWrapper)}\nbuildMetadata: [originAnnotations]\n`,
    );
    const binary = options.binary ?? (await defaultBinary());
    const result = await execa(binary.command, [...binary.args, wrapper], {
      reject: false,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBuffer: 512 * 1024 * 1024,
      stdin: 'ignore',
      env: goRuntimeEnv(process.env),
    });
    if (result.timedOut || result.exitCode !== 0) {
      const reason = result.timedOut
        ? `kustomize build timed out after ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`
        : cleanKustomizeMessage(String(result.stderr || result.stdout), fromWrapper, source);
      return { resources: [], findings: [renderFinding(source, reason)] };
    }
    const parsed = parseResources(String(result.stdout), { source, file: source });
    const images = new ImageOverrides(overlay, root);
    const resources = parsed.resources.map((resource) => withOrigin(resource, wrapper, root, ORIGINS, images));
    return { resources, findings: parsed.findings };
  } finally {
    await rm(wrapper, { recursive: true, force: true });
  }
}

/**
 * kustomize is a short-lived Go process that spends about a third of its CPU collecting garbage it would
 * free at exit anyway; with renders running side by side that CPU is the bottleneck. The collector only
 * runs near the soft memory limit then. A user's own GOGC/GOMEMLIMIT win.
 */
export function goRuntimeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { GOGC: env.GOGC ?? 'off', GOMEMLIMIT: env.GOMEMLIMIT ?? '1GiB' };
}

let resolved: Promise<KustomizeBinary> | undefined;
function defaultBinary(): Promise<KustomizeBinary> {
  resolved ??= resolveKustomize();
  return resolved;
}

function renderFinding(source: string, message: string): Finding {
  return {
    rule: RENDER.id,
    severity: 'error',
    message: `kustomize build failed: ${message}`,
    fix: RENDER.fix,
    source,
    file: source,
  };
}

/** kubectl prefixes klog noise; the wrapper's relative path means nothing to the user. */
export function cleanKustomizeMessage(stderr: string, fromWrapper: string, source: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^E\d{4} [\d:.]+\s+\d+ \S+\] "command failed" err=/, '').replace(/^Error: /, ''))
    .filter((line) => line.trim() !== '');
  const text = lines.join(' ').replaceAll(fromWrapper, source).replace(/^"(.*)"$/, '$1');
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

function withOrigin(resource: Resource, wrapper: string, root: string, origins: OriginFiles, images: ImageOverrides): Resource {
  const annotations = resource.object.metadata?.annotations;
  const originText = annotations?.[ORIGIN_ANNOTATION];
  if (typeof originText !== 'string') return resource;
  const object = stripOrigin(resource.object);
  let origin: { path?: string; configuredIn?: string };
  try {
    origin = (parseYaml(originText) ?? {}) as typeof origin;
  } catch {
    return { ...resource, object };
  }
  const originPath = origin.path ?? origin.configuredIn;
  if (!originPath) return { ...resource, object };
  const absolute = resolve(wrapper, originPath);
  const file = relative(root, absolute);
  if (!origin.path) return { ...resource, object, file, line: undefined, locate: () => undefined };
  const document = origins.documentFor(absolute, object);
  return {
    ...resource,
    object,
    file,
    line: document?.line,
    locate: (ptr) => images.locate(ptr, document) ?? document?.locate(ptr),
  };
}

function stripOrigin(object: KubeObject): KubeObject {
  const metadata = { ...object.metadata };
  const { [ORIGIN_ANNOTATION]: _origin, ...annotations } = metadata.annotations ?? {};
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...object, metadata };
}
