// The repository model carries the kustomization graph the render guard walked: one walker, one notion of
// remote, in repository terms, handed to the whole-repository rules without any of them reading a file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkKustomizationGraph, type KustomizationGraph } from '../../scripts/lib/kustomize/graph.ts';
import { readKustomizationGraph } from '../../scripts/lib/kustomize/kustomization-graph.ts';
import { KustomizationReads } from '../../scripts/lib/kustomize/kustomization-reads.ts';
import { runPipeline, type SourceOutcome } from '../../scripts/lib/pipeline.ts';
import { resolveKustomize } from '../../scripts/lib/render/kustomize-binary.ts';
import { discoverRepository } from '../../scripts/lib/sources/discover.ts';
import { createValidation } from '../../scripts/lib/validation.ts';
import { defaultRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRepositoryRules } from '../../scripts/rules/repository-engine.ts';
import type { CheckedSource, RepositoryRule } from '../../scripts/rules/rule.ts';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'openclaw-graph-model-'));
  write('base/kustomization.yaml', 'resources:\n  - configmap.yaml\n');
  write('base/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: quiet\n');
  write('components/loud/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: loud.yaml\n');
  write('components/loud/loud.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: loud\n');
  write('overlays/prod/kustomization.yaml', 'namespace: shop\nresources:\n  - ../../base\ncomponents:\n  - ../../components/loud\n');
  write('overlays/remote/kustomization.yaml', 'resources:\n  - ../../base\n  - https://github.com/acme/shop//deploy?ref=main\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const graphOf = (overlay: string) => readKustomizationGraph(join(root, overlay), { root, source: overlay, boundary: root });

describe('the kustomization graph in the model', () => {
  it('holds every kustomization an overlay reaches, in repository terms, with where each path is named', () => {
    const graph = graphOf('overlays/prod');
    expect(graph.overlay).toBe('overlays/prod');
    expect(graph.problems).toEqual([]);
    expect(graph.nodes.map((node) => node.file)).toEqual(['overlays/prod/kustomization.yaml', 'base/kustomization.yaml', 'components/loud/kustomization.yaml']);
    expect(graph.node('overlays/prod')?.entries).toEqual([
      { field: 'resources[0]', pointer: '/resources/0', value: '../../base', kind: 'target', line: 3, remote: false, includes: 'base' },
      { field: 'components[0]', pointer: '/components/0', value: '../../components/loud', kind: 'target', line: 5, remote: false, includes: 'components/loud' },
    ]);
    expect(graph.node('components/loud')?.entries).toEqual([{ field: 'patches[0].path', pointer: '/patches/0/path', value: 'loud.yaml', kind: 'file', line: 4, remote: false }]);
    expect(graph.node('overlays/missing')).toBeUndefined();
  });

  it('gives each kustomization file as a resource of the overlay, so a finding points at its line', () => {
    const resource = graphOf('overlays/prod').node('base')?.resource;
    expect(resource).toMatchObject({ source: 'overlays/prod', file: 'base/kustomization.yaml', object: { kind: 'Kustomization', metadata: { name: 'base' } } });
    expect(resource?.locate('/resources/0')?.line).toBe(2);
  });

  it('marks a remote entry with the guard\'s notion of remote, and keeps the graph of a refused overlay', () => {
    const graph = graphOf('overlays/remote');
    expect(graph.nodes.map((node) => node.dir)).toEqual(['overlays/remote', 'base']);
    expect(graph.node('overlays/remote')?.entries.map((entry) => [entry.value, entry.remote])).toEqual([
      ['../../base', false],
      ['https://github.com/acme/shop//deploy?ref=main', true],
    ]);
    expect(graph.problems).toEqual([expect.objectContaining({ file: 'overlays/remote/kustomization.yaml', line: 3, message: expect.stringContaining('a remote location') })]);
  });

  it('reads a kustomization that two overlays share once per run, and again in another run', () => {
    const reads = new KustomizationReads();
    const base = (graph: KustomizationGraph) => graph.kustomizations.find((walked) => walked.file.endsWith(join('base', 'kustomization.yaml')))?.references;
    const prod = base(walkKustomizationGraph(join(root, 'overlays/prod'), root, reads));
    expect(prod).toHaveLength(1);
    expect(base(walkKustomizationGraph(join(root, 'overlays/remote'), root, reads))).toBe(prod);
    expect(base(walkKustomizationGraph(join(root, 'overlays/prod'), root))).not.toBe(prod);
  });

  it('reaches the whole-repository rules from the pipeline, walked once by the render', async () => {
    let outcomes: readonly SourceOutcome[] = [];
    const validation = createValidation({ root, schemaCache: false, repositoryRules: false });
    const options = validation.pipelineOptions({ binary: await resolveKustomize() });
    await runPipeline(discoverRepository(root).sources, { ...options, repositoryChecks: [(all) => ((outcomes = all), [])] });
    const prod = outcomes.find((outcome) => outcome.source.name === 'overlays/prod');
    expect(prod?.kustomizations?.nodes.map((node) => node.dir)).toEqual(['overlays/prod', 'base', 'components/loud']);
    expect(outcomes.find((outcome) => outcome.source.name === 'overlays/remote')?.kustomizations?.problems).toHaveLength(1);

    const seen: string[] = [];
    const spy: RepositoryRule = {
      scope: 'repository',
      id: 'graph-spy',
      severity: 'warning',
      description: 'records what it is given',
      fix: 'nothing',
      kinds: ['ConfigMap'],
      equivalents: {},
      check: (context) => {
        for (const checked of context.sources) seen.push(`${checked.source.name}: ${checked.kustomizations?.nodes.length ?? 'none'}`);
        return [];
      },
    };
    const sources: CheckedSource[] = outcomes.map((outcome) => ({ ...outcome, loadFindings: outcome.loadFindings }));
    evaluateRepositoryRules(sources, { root, config: defaultRuleConfig, rules: [spy] });
    expect(seen.sort()).toEqual(['overlays/prod: 3', 'overlays/remote: 2']);
  });
});
