// The throughput benchmark's input: copies of the bench overlay's rendered resources, renamed so that none
// is a duplicate, written as one multi-document file. Shared by `npm run bench` and the parse tests.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { KubeObject } from '../lib/model.ts';

/** `count` documents cycling through `objects`, each named `<name>-<i>`, in `yaml`'s default style. */
export function throughputDocuments(objects: readonly KubeObject[], count: number): string {
  const documents: string[] = [];
  for (let i = 0; documents.length < count; i++) {
    const copy = structuredClone(objects[i % objects.length]!);
    copy.metadata = { ...copy.metadata, name: `${copy.metadata?.name}-${i}` };
    documents.push(stringify(copy));
  }
  return documents.join('---\n');
}

export function writeThroughputInput(file: string, objects: readonly KubeObject[], count: number): void {
  writeFileSync(file, throughputDocuments(objects, count));
}
