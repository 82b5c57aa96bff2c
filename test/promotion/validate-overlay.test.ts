// promote validates the overlay it is about to write with the checks `npm run validate` runs on a source:
// built-in rules as validate.config.yaml configures them, and custom resources against the repository's CRDs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateOverlay } from '../../scripts/lib/release/validate-overlay.ts';
import { stableDirectory } from '../render/stable-directory.ts';

// The same path every run: the overlay's render is served from the render cache on a rerun.
const place = stableDirectory('validate-overlay');
const root = place.path;
afterAll(() => place.release());

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

write('overlays/prod/kustomization.yaml', 'resources: [configmap.yaml, widget.yaml]\n');
write('overlays/prod/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: app}\ndata:\n  retries: 3\n');
write(
  'overlays/prod/widget.yaml',
  'apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w, namespace: app}\nspec:\n  size: large\n',
);
write(
  'crds/widget.yaml',
  [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.org}',
    'spec:',
    '  group: example.org',
    '  names: {kind: Widget, plural: widgets}',
    '  scope: Namespaced',
    '  versions:',
    '    - name: v1',
    '      served: true',
    '      storage: true',
    '      schema:',
    '        openAPIV3Schema:',
    '          type: object',
    '          properties:',
    '            spec:',
    '              type: object',
    '              properties:',
    '                size: {type: integer}',
    '',
  ].join('\n'),
);

describe('validateOverlay (what promote checks before writing)', () => {
  it('applies the configured severity of built-in rules and checks custom resources against the repository CRDs', async () => {
    write('validate.config.yaml', 'rules:\n  schema: warning\n');
    const report = await validateOverlay('overlays/prod', { root, ignoreMissingSchemas: false });
    const schema = report.findings.filter((finding) => finding.rule === 'schema');
    expect(schema.map((finding) => [finding.resource?.kind, finding.severity])).toEqual(
      expect.arrayContaining([
        ['ConfigMap', 'warning'],
        ['Widget', 'warning'],
      ]),
    );
    expect(report.findings.filter((finding) => finding.rule === 'unknown-kind')).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
