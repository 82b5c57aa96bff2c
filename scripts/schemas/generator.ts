// Builds the vendored schema files: every built-in kind client-node knows, plus the custom resources in
// the catalog, in the layout kubeconform reads. Writes a chosen subset to a chosen directory so tests
// can regenerate a sample and compare bytes with the committed files.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtinDirectory, builtinFileName, customFileName } from '../lib/check/schema-locations.ts';
import { BuiltinDefinitions } from './builtin/convert.ts';
import { CLIENT_NODE } from './builtin/client-models.ts';
import { builtinKinds } from './builtin/gvk.ts';
import { pairWithKubernetesModels } from './builtin/kubernetes-models-pairing.ts';
import { clientKubernetesVersion } from './builtin/kubernetes-version.ts';
import { CUSTOM_KINDS } from './crd/catalog.ts';
import { customDefinitions } from './crd/convert.ts';
import { closure, DRAFT_07, kindRoot, type JsonSchema } from './json-schema.ts';
import { packageDir } from './paths.ts';
import { stableJson } from './serialize.ts';

export interface SchemaTarget {
  apiVersion: string;
  kind: string;
  /** Path under the output directory, e.g. `v1.36.0-standalone-strict/deployment-apps-v1.json`. */
  file: string;
}

export interface GenerateOptions {
  outDir: string;
  /** Which files to write; all when omitted (and then stale `.json` files under outDir are removed). */
  select?: (target: SchemaTarget) => boolean;
}

const OBJECT_META = 'V1ObjectMeta';

/**
 * The @kubernetes/client-node releases read, one per Kubernetes minor, oldest first: older releases are
 * installed under npm aliases (package.json). No release was generated from 1.35, so it has no directory.
 */
const CLIENT_RELEASES = ['client-node-1.32', 'client-node-1.33', 'client-node-1.34', CLIENT_NODE];

const apiVersionOf = (group: string, version: string): string => (group ? `${group}/${version}` : version);

function document(root: JsonSchema, definitions: ReadonlyMap<string, JsonSchema>): JsonSchema {
  return { $schema: DRAFT_07, ...root, definitions: closure(root, definitions) };
}

export async function generateSchemas(options: GenerateOptions): Promise<SchemaTarget[]> {
  const selected = options.select ?? (() => true);
  const written: SchemaTarget[] = [];
  const emit = (target: SchemaTarget, schema: JsonSchema): void => {
    const path = join(options.outDir, target.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, stableJson(schema));
    written.push(target);
  };
  if (!options.select) removeGeneratedFiles(options.outDir);

  // Older releases first; the newest (the last) also supplies the ObjectMeta custom resources share.
  let core: BuiltinDefinitions | undefined;
  for (const client of CLIENT_RELEASES) {
    const kinds = builtinKinds(client);
    // Paired over all kinds, not the selection, so a subset comes out byte-identical to a full run.
    core = new BuiltinDefinitions(pairWithKubernetesModels(kinds, client), client);
    const directory = builtinDirectory(clientKubernetesVersion(client));
    for (const kind of kinds) {
      const apiVersion = apiVersionOf(kind.group, kind.version);
      const target = { apiVersion, kind: kind.kind, file: join(directory, builtinFileName(apiVersion, kind.kind)) };
      if (!selected(target)) continue;
      const root = kindRoot(core.definitions.get(core.define(kind.model))!, apiVersion, kind.kind);
      emit(target, document(root, core.definitions));
    }
  }
  if (!core) throw new Error('schema generator: no client-node release listed');

  for (const custom of CUSTOM_KINDS) {
    const apiVersion = apiVersionOf(custom.group, custom.version);
    const target = { apiVersion, kind: custom.kind, file: customFileName(apiVersion, custom.kind)! };
    if (!selected(target)) continue;
    const source = join(packageDir(custom.package), custom.group, custom.version, `${custom.kind}.d.ts`);
    const { definitions, rootName } = await customDefinitions(source, core.define(OBJECT_META));
    const all = new Map([...core.definitions, ...definitions]);
    emit(target, document(kindRoot(definitions.get(rootName)!, apiVersion, custom.kind), all));
  }
  return written;
}

function removeGeneratedFiles(outDir: string): void {
  for (const entry of readdirSync(outDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) rmSync(join(entry.parentPath, entry.name));
  }
}
