// Renders kustomizations with the real kustomize once per test file (this repository's overlays once per run)
// and answers questions about them.
import { beforeAll, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../scripts/lib/model.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';
import { podTemplateOf, type PodTemplate } from '../../scripts/rules/resource-index.ts';
import { isRepositoryOverlay, repositoryOverlay, sharedRenders, type OverlayRender } from '../helpers/overlay-renders.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Rendered {
  objects: KubeObject[];
  templates: PodTemplate[];
  problems: string[];
}

export interface Renders {
  render(dir: string): Rendered;
  ofKind(dir: string, kind: string): KubeObject[];
  one(dir: string, kind: string): KubeObject;
}

async function renderHere(dir: string): Promise<OverlayRender> {
  const { resources, findings } = await renderKustomization(dir, { root: ROOT, renders: sharedRenders() });
  return { objects: resources.map((r) => r.object), problems: findings.map((f) => f.message) };
}

/** Registers a beforeAll that renders every directory; a failed build fails the asking test with kustomize's message. */
export function useRenders(dirs: readonly string[]): Renders {
  const rendered = new Map<string, Rendered>();
  beforeAll(async () => {
    await Promise.all(
      dirs.map(async (dir) => {
        // This repository's overlays come rendered once per run (test/helpers/overlay-renders.ts).
        const { objects, problems } = isRepositoryOverlay(dir) ? repositoryOverlay(dir) : await renderHere(dir);
        // The templates read only the objects; a rendered resource's file and positions are not asked for here.
        const templates = objects.flatMap((object) => podTemplateOf({ object, source: dir, file: dir, locate: () => undefined }) ?? []);
        rendered.set(dir, { objects, templates, problems });
      }),
    );
  });
  const render = (dir: string): Rendered => {
    const result = rendered.get(dir);
    if (!result) throw new Error(`${dir} was not rendered`);
    if (result.problems.length > 0) throw new Error(`${dir} does not render: ${result.problems.join('; ')}`);
    return result;
  };
  const ofKind = (dir: string, kind: string) => render(dir).objects.filter((o) => o.kind === kind);
  const one = (dir: string, kind: string) => {
    const found = ofKind(dir, kind);
    expect(found, `${dir} has exactly one ${kind}`).toHaveLength(1);
    return found[0];
  };
  return { render, ofKind, one };
}

/** A nested value by path; the manifests are untyped YAML, so tests read them loosely. */
export function at(object: unknown, ...path: Array<string | number>): any {
  let current: unknown = object;
  for (const key of path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export interface EnvVar {
  name: string;
  value?: string;
}

/** The gateway container of a Deployment. */
export function gatewayContainer(deployment: KubeObject): Record<string, unknown> & { env: EnvVar[] } {
  return at(deployment, 'spec', 'template', 'spec', 'containers').find((c: { name: string }) => c.name === 'gateway');
}

export function envOf(deployment: KubeObject): Map<string, string | undefined> {
  return new Map(gatewayContainer(deployment).env.map((e) => [e.name, e.value]));
}

/** openclaw.json as the gateway reads it: from the mounted ConfigMap, with ${VAR} replaced from the container env. */
export function effectiveConfig(configMaps: KubeObject[], deployment: KubeObject): Record<string, unknown> {
  const volume = at(deployment, 'spec', 'template', 'spec', 'volumes').find((v: { name: string }) => v.name === 'gateway-config');
  const configMap = configMaps.find((c) => c.metadata?.name === volume.configMap.name);
  const text: string = at(configMap, 'data', 'openclaw.json');
  const env = envOf(deployment);
  return JSON.parse(text.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (whole, name: string) => env.get(name) ?? whole));
}
