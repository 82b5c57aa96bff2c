// The checks the pipeline makes itself (reading input, rendering, parsing, schemas, duplicates): their entries
// in the rule catalogue, kept here because the pipeline's stages below the rules name them.
import type { RuleMeta } from './rule-meta.ts';

const builtIn = <Id extends string>(rule: Omit<RuleMeta, 'stage' | 'kinds'> & { id: Id; kinds?: readonly string[] }) =>
  ({ stage: 'built-in', kinds: ['*'], profile: 'schema', ...rule }) as RuleMeta & { id: Id };

export const INPUT = builtIn({
  id: 'input',
  severity: 'error',
  description: 'Every path given to the validator exists, is readable and lies inside the repository.',
  fix: 'Pass an existing overlay directory or manifest file inside the repository.',
  // About the command line and the configuration file, not about a source: nothing to configure or exempt.
  configurable: 'none',
  exemptable: false,
});

export const RENDER = builtIn({
  id: 'render',
  severity: 'error',
  description: 'The kustomization renders without error.',
  fix: 'Run `kustomize build` on the overlay and fix what it reports (missing file, bad patch, remote base).',
  // Off would check an overlay that did not render as if it were empty.
  configurable: 'severity',
  exemptable: false,
});

export const YAML_SYNTAX = builtIn({
  id: 'yaml-syntax',
  severity: 'error',
  description: 'Every manifest is valid YAML.',
  fix: 'Fix the YAML so that it parses: indent with spaces, keep keys unique, quote special characters.',
  configurable: 'severity',
  exemptable: false,
});

/** The fix of a yaml-syntax finding about a file that is not text at all. */
export const BINARY_FILE_FIX = 'Give a YAML manifest, or remove the binary file from the manifest paths.';

export const SCHEMA = builtIn({
  id: 'schema',
  severity: 'error',
  description: 'Every resource is a Kubernetes object that matches the schema of its apiVersion and kind.',
  fix: 'Correct the field to match the Kubernetes API (check spelling, type and nesting).',
});

/** Fixes of schema findings about a document that is not an object at all. */
export const NOT_AN_OBJECT_FIX = 'Each YAML document must be a mapping with apiVersion, kind and metadata.';
export const NO_TYPE_FIX = 'Add apiVersion and kind so the object can be identified.';

export const UNKNOWN_KIND = builtIn({
  id: 'unknown-kind',
  severity: 'error',
  description: 'Every apiVersion and kind has a schema to validate against.',
  fix: 'Add its schema with --schema-location DIR, correct the apiVersion/kind, or pass --ignore-missing-schemas.',
});

export const DEPRECATED_API = builtIn({
  id: 'deprecated-api',
  severity: 'error',
  description: 'No resource uses an apiVersion removed in the target Kubernetes version.',
  fix: 'Migrate the resource to the apiVersion that replaces the removed one.',
});

/** The fix of one deprecated-api finding, naming the replacement. */
export function deprecatedApiFix(kind: string, replacement: string): string {
  return `Migrate the ${kind} to ${replacement}.`;
}

export const DUPLICATE_RESOURCE = builtIn({
  id: 'duplicate-resource',
  severity: 'error',
  description: 'No resource is defined twice in one source.',
  fix: 'Remove one of the two definitions or give them distinct names.',
});

/** In the order the pipeline meets them. */
export const BUILT_IN_RULES: readonly RuleMeta[] = [INPUT, RENDER, YAML_SYNTAX, SCHEMA, UNKNOWN_KIND, DEPRECATED_API, DUPLICATE_RESOURCE];
