import { describe, expect, it } from 'vitest';
import { parseResources, parseResourcesFromBytes } from '../../scripts/lib/parse/resources.ts';

const origin = { source: 'src', file: 'file.yaml' };
const parse = (text: string) => parseResources(text, origin);

describe('parsing manifests as Kubernetes does', () => {
  it('reads YAML 1.1: 0644 is octal and yes is a boolean', () => {
    const { resources } = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nmode: 0644\nflag: yes\n');
    expect(resources[0]!.object.mode).toBe(420);
    expect(resources[0]!.object.flag).toBe(true);
  });

  it('rejects duplicate keys with the line of the duplicate', () => {
    const { findings } = parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'yaml-syntax', severity: 'error', line: 5 });
    expect(findings[0]!.message).toMatch(/unique/);
  });

  it('reports a tab-indented file as a syntax error, not a crash', () => {
    const { findings, resources } = parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n');
    expect(resources).toHaveLength(0);
    expect(findings[0]).toMatchObject({ rule: 'yaml-syntax', file: 'file.yaml' });
    expect(findings[0]!.line).toBe(4);
  });

  it('reports scalar and list documents, and documents without apiVersion or kind', () => {
    const { findings } = parse('just a string\n---\n- a\n- b\n---\nkind: ConfigMap\nmetadata: {name: a}\n');
    expect(findings.map((f) => f.message)).toEqual([
      'document is a string value, not a Kubernetes object',
      'document is a list, not a Kubernetes object',
      'document has no apiVersion',
    ]);
    expect(findings.map((f) => f.line)).toEqual([1, 3, 6]);
  });

  it('skips empty documents between separators but keeps the resources around them', () => {
    const { resources, findings } = parse('---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n');
    expect(findings).toEqual([]);
    expect(resources).toHaveLength(1);
    expect(resources[0]!.line).toBe(3);
  });

  it('stops a YAML alias bomb with a finding', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${bomb.map((l) => '  ' + l).join('\n')}\n`;
    const { findings, resources } = parse(text);
    expect(resources).toHaveLength(0);
    expect(findings[0]).toMatchObject({ rule: 'yaml-syntax' });
    expect(findings[0]!.message).toMatch(/alias/i);
  });

  it('reports binary garbage instead of parsing it', () => {
    const bytes = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]);
    const { findings } = parseResourcesFromBytes(bytes, origin);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', message: expect.stringMatching(/not text/) })]);
  });

  it('treats creationTimestamp: null as unset and drops a SOPS envelope', () => {
    const { resources } = parse(
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  creationTimestamp: null\ndata:\n  k: ENC[AES256_GCM,data:abc]\nsops:\n  version: 3.9.0\n',
    );
    expect(resources[0]!.object.metadata).toEqual({ name: 's' });
    expect(resources[0]!.object).not.toHaveProperty('sops');
  });

  it('expands a kind: List into its items', () => {
    const { resources } = parse(
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b}\n',
    );
    expect(resources.map((r) => r.object.metadata?.name)).toEqual(['a', 'b']);
    expect(resources[1]!.line).toBe(7);
  });

  it('locates a field at the line of its key, and a missing field at its nearest parent', () => {
    const { resources } = parse('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 2\n');
    expect(resources[0]!.locate('/spec/replicas')).toEqual({ line: 6, column: 3 });
    expect(resources[0]!.locate('/spec/template/spec')).toEqual({ line: 5, column: 1 });
  });
});

describe('creationTimestamp: null in templates', () => {
  it('is dropped from the pod, job and claim templates too', () => {
    const { resources } = parseResources(
      `apiVersion: batch/v1
kind: CronJob
metadata: {name: c, creationTimestamp: null}
spec:
  schedule: "* * * * *"
  jobTemplate:
    metadata: {creationTimestamp: null}
    spec:
      template:
        metadata: {creationTimestamp: null, labels: {a: b}}
        spec: {containers: [{name: x, image: "x:1"}]}
`,
      { source: 'src', file: 'f.yaml' },
    );
    const spec = resources[0]!.object.spec as { jobTemplate: { metadata: object; spec: { template: { metadata: object } } } };
    expect(resources[0]!.object.metadata).toEqual({ name: 'c' });
    expect(spec.jobTemplate.metadata).toEqual({});
    expect(spec.jobTemplate.spec.template.metadata).toEqual({ labels: { a: 'b' } });
  });
});
