// Builds the vendored schema files: every built-in kind client-node knows, plus the custom resources in
// the catalog, in the layout kubeconform reads. Writes a chosen subset to a chosen directory so tests
// can regenerate a sample and compare bytes with the committed files.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtinDirectory, builtinFileName, customFileName } from '../lib/check/schema-locations.ts';
import { bridgedVersions, unionDocument } from './builtin/bridge.ts';
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

/** One built-in kind's file of one release, built only when written or bridged. */
interface KindDocument {
  apiVersion: string;
  kind: string;
  build: () => JsonSchema;
}

/**
 * The @kubernetes/client-node releases read, one per Kubernetes minor, oldest first: older releases are
 * installed under npm aliases (package.json). No release was generated from 1.35: its directory is bridged
 * from 1.34 and 1.36 (builtin/bridge.ts).
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
  const releases: { version: string; documents: Map<string, KindDocument> }[] = [];
  for (const client of CLIENT_RELEASES) {
    const kinds = builtinKinds(client);
    // Paired over all kinds, not the selection, so a subset comes out byte-identical to a full run.
    const release = new BuiltinDefinitions(pairWithKubernetesModels(kinds, client), client);
    core = release;
    const version = clientKubernetesVersion(client);
    // Built on demand: a bridged release below reads them again without building every kind's file.
    const documents = new Map<string, KindDocument>();
    releases.push({ version, documents });
    for (const kind of kinds) {
      const apiVersion = apiVersionOf(kind.group, kind.version);
      const fileName = builtinFileName(apiVersion, kind.kind);
      const build = (): JsonSchema => document(kindRoot(release.definitions.get(release.define(kind.model))!, apiVersion, kind.kind), release.definitions);
      documents.set(fileName, { apiVersion, kind: kind.kind, build });
      const target = { apiVersion, kind: kind.kind, file: join(builtinDirectory(version), fileName) };
      if (selected(target)) emit(target, build());
    }
  }
  for (const bridge of bridgedVersions(releases.map((release) => release.version))) {
    const [older, newer] = [bridge.older, bridge.newer].map((version) => releases.find((release) => release.version === version)!.documents);
    for (const fileName of [...new Set([...older!.keys(), ...newer!.keys()])].sort()) {
      const { apiVersion, kind } = (older!.get(fileName) ?? newer!.get(fileName))!;
      const target = { apiVersion, kind, file: join(builtinDirectory(bridge.version), fileName) };
      if (selected(target)) emit(target, unionDocument(older!.get(fileName)?.build(), newer!.get(fileName)?.build()));
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
