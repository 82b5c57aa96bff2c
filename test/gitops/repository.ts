// Builds the RepositoryContext the pipeline would hand the GitOps rules, from a directory on disk:
// overlays rendered with the real kustomize, flux/ and argocd/ parsed as plain manifests.
import { settingsForOptions } from '../../scripts/rules/config.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Source } from '../../scripts/lib/model.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';
import { kustomizationGraphView, readKustomizationGraph } from '../../scripts/lib/kustomize/kustomization-graph.ts';
import { discoverRepository } from '../../scripts/lib/sources/discover.ts';
import { manifestFiles } from '../../scripts/lib/sources/load.ts';
import type { CheckedSource, RepositoryContext, Violation } from '../../scripts/rules/rule.ts';
import { readRepositoryFiles } from '../../scripts/lib/repository-files.ts';
import { sharedRenders } from '../helpers/overlay-renders.ts';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/gitops', import.meta.url));

export type Options = Record<string, Record<string, unknown>>;

async function renderOverlay(root: string, source: Source): Promise<CheckedSource> {
  // Through the run's render cache: validate renders the same fixtures in other files (golden-run.ts).
  const rendered = await renderKustomization(source.path, { root, source: source.name, renders: sharedRenders() });
  return { source, resources: rendered.resources, loadFindings: rendered.findings, kustomizations: kustomizationGraphView(rendered.graph, { root, source: source.name }) };
}

/** Reads every YAML file of a GitOps directory; a fixture that does not parse fails loudly. */
export function readManifests(root: string, dir: string, name = relative(root, dir)): CheckedSource {
  const source: Source = { kind: 'manifests', name, path: dir };
  const resources = manifestFiles(dir).flatMap((file) => {
    const parsed = parseResources(readFileSync(file, 'utf8'), { source: name, file: relative(root, file) });
    if (parsed.findings.length > 0) throw new Error(`${file} does not parse: ${parsed.findings[0]!.message}`);
    return parsed.resources;
  });
  return { source, resources, loadFindings: [] };
}

export interface LoadOptions {
  /** Skip kustomize: the overlays are listed with no resources (for rules that only read kustomization files). */
  render?: boolean;
  options?: Options;
}

/**
 * Fixture directories are read-only, so their sources are loaded (and their overlays rendered) once per
 * worker: the test files share a worker's modules (vitest.config.ts), and several of them start from the
 * same fixture. Every caller gets its own context object; the sources inside are shared and never mutated.
 */
const loaded = new Map<string, Promise<CheckedSource[]>>();

/** The repository at `root`, discovered as `npm run validate` does by default. */
export async function loadRepository(root: string, options: LoadOptions = {}): Promise<RepositoryContext> {
  const key = `${options.render === false ? 'unrendered' : 'rendered'}\u0000${root}`;
  let sources = loaded.get(key);
  if (!sources) {
    sources = loadSources(root, options.render !== false);
    loaded.set(key, sources);
  }
  // The listing as the engine reads it once per run; the GitOps graph is left to the rules to build from the
  // sources, so a test that edits the sources of a context gets the graph of its edit.
  // Listed afresh: a test may change the directory between two loads.
  const files = readRepositoryFiles(root);
  return { root, sources: await sources, settings: settingsForOptions(options.options ?? {}), files };
}

function loadSources(root: string, render: boolean): Promise<CheckedSource[]> {
  return Promise.all(
    discoverRepository(root).sources.map((source) => {
      if (source.kind === 'manifests') return readManifests(root, source.path, source.name);
      // Not rendered: the guard's walk alone, as the pipeline carries it for every overlay.
      if (!render) return { source, resources: [], loadFindings: [], kustomizations: readKustomizationGraph(source.path, { root, source: source.name, boundary: root }) };
      return renderOverlay(root, source);
    }),
  );
}

/** The same repository with its flux/ and argocd/ replaced by those of a fixture case directory. */
export function withGitOpsOf(context: RepositoryContext, caseDir: string): RepositoryContext {
  const overlays = context.sources.filter((checked) => checked.source.kind === 'kustomization');
  // The case's files stand in for the repository's own flux/ and argocd/, at the same place.
  const gitops = ['flux', 'argocd']
    .filter((name) => existsSync(join(caseDir, name)))
    .map((name) => ({ ...readManifests(caseDir, join(caseDir, name), name), source: { kind: 'manifests' as const, name, path: join(context.root, name) } }));
  return { ...context, sources: [...overlays, ...gitops] };
}

export function withOptions(context: RepositoryContext, options: Options): RepositoryContext {
  return { ...context, settings: { ...settingsForOptions(options), production: context.settings.production } };
}

/** 'Kind name /pointer' for each violation: what a reader of a test failure needs. */
export function summary(violations: readonly Violation[]): string[] {
  return violations.map((v) => `${v.resource.object.kind} ${v.resource.object.metadata?.name ?? ''} ${v.path}`);
}
