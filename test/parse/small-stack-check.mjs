// @ts-check
// Run by bounded-input.test.ts in a worker thread with a small stack (resourceLimits.stackSizeMb): checks
// `count` resources, each of a kind without a schema and each a duplicate of the first, and posts what it
// found. Passing n items as arguments (`push(...items)`) needs n stack slots, so on a small stack fewer
// resources than on the default one show whether any step does; the worker first makes sure a spread of
// `count` items does overflow here, or the check would prove nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { importScript } from '../helpers/built-module.mjs';

/** @type {{ count: number }} */
const { count } = workerData;
/** @type {typeof import('../../scripts/lib/check/resource-checks.ts')} */
const { checkResources } = /** @type {never} */ (await importScript('lib/check/resource-checks'));
/** @type {typeof import('../../scripts/lib/check/schema-validator.ts')} */
const { SchemaValidator } = /** @type {never} */ (await importScript('lib/check/schema-validator'));

let spreadOverflows = false;
try {
  /** @type {number[]} */ ([]).push(...new Array(count).fill(0));
} catch (error) {
  spreadOverflows = error instanceof RangeError;
}

const empty = mkdtempSync(join(tmpdir(), 'no-schemas-'));
try {
  const object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'same' } };
  const resources = Array.from({ length: count }, () => ({ object, source: 's', file: 'f.yaml', locate: () => undefined }));
  const findings = checkResources(resources, {
    validator: new SchemaValidator({ locations: [empty], kubernetesVersion: '1.36.0', cacheDir: false }),
    kubernetesVersion: '1.36.0',
    ignoreMissingSchemas: true,
  });
  const unknownKind = findings.filter((finding) => finding.rule === 'unknown-kind').length;
  const duplicates = findings.filter((finding) => finding.rule === 'duplicate-resource').length;
  parentPort?.postMessage({ spreadOverflows, unknownKind, duplicates });
} finally {
  rmSync(empty, { recursive: true, force: true });
}
