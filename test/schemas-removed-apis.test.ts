// The removed-API table (deprecated-api) against the vendored schemas: every built-in kind a vendored release
// serves and the next one no longer does is in the table, removed in that next release, with a replacement
// the newer release serves; and the table covers each vendored Kubernetes version.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removalOf } from '../scripts/lib/check/deprecated-apis.ts';
import { builtinFileName, vendoredVersions } from '../scripts/lib/check/schema-locations.ts';
import { SCHEMAS_DIR } from '../scripts/schemas/paths.ts';

const versions = vendoredVersions(SCHEMAS_DIR).reverse();
const directory = (version: string): string => join(SCHEMAS_DIR, `v${version}-standalone-strict`);
const kindOf = (version: string, file: string): { apiVersion: string; kind: string } => {
  const properties = (JSON.parse(readFileSync(join(directory(version), file), 'utf8')) as { properties: Record<string, { const: string }> }).properties;
  return { apiVersion: properties.apiVersion!.const, kind: properties.kind!.const };
};
const minor = (version: string): string => version.split('.').slice(0, 2).join('.');

describe('the removed-API table and the vendored releases', () => {
  it('vendors the five newest minors, 1.32 to 1.36', () => {
    expect(versions.map(minor)).toEqual(['1.32', '1.33', '1.34', '1.35', '1.36']);
  });

  for (let i = 1; i < versions.length; i++) {
    const [older, newer] = [versions[i - 1]!, versions[i]!];
    it(`names every kind ${minor(older)} serves and ${minor(newer)} does not as removed in ${minor(newer)}`, () => {
      const newerFiles = new Set(readdirSync(directory(newer)));
      for (const file of readdirSync(directory(older)).filter((name) => !newerFiles.has(name))) {
        const { apiVersion, kind } = kindOf(older, file);
        expect(removalOf(apiVersion, kind, older), `${apiVersion} ${kind}`).toBeUndefined();
        const removal = removalOf(apiVersion, kind, newer);
        expect(removal?.removedIn, `${apiVersion} ${kind}`).toBe(minor(newer));
        expect(newerFiles, `${kind}'s replacement ${removal?.replacement}`).toContain(builtinFileName(removal!.replacement, kind));
      }
    });
  }

  it('never reports as removed a kind the target release still serves', () => {
    for (const version of versions) {
      const served = readdirSync(directory(version)).map((file) => kindOf(version, file));
      expect(served.filter(({ apiVersion, kind }) => removalOf(apiVersion, kind, version)), version).toEqual([]);
    }
  });
});
