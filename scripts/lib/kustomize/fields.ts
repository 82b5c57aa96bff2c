// The fields of a kustomize v5 Kustomization or Component, spelled exactly as kustomize declares them
// (api/types/kustomization.go). kustomize decodes with Go's JSON decoder, which matches field names
// case-insensitively and lets the last of two equal keys win; a reader that does not do the same would
// see other paths than kustomize does. Rather than imitate that, anything spelled differently is refused.

export const KUSTOMIZATION_FIELDS: ReadonlySet<string> = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'openapi',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replacements',
  'replicas',
  'vars',
  'sortOptions',
  'resources',
  'components',
  'crds',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'generatorOptions',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'inventory',
  'buildMetadata',
]);

/** Fields that make kustomize run a program (Helm, plugins, KRM functions): never rendered for a pull request. */
export const CODE_RUNNING_FIELDS: ReadonlyMap<string, string> = new Map([
  ['helmCharts', 'inflates Helm charts, which runs the helm program'],
  ['helmGlobals', 'configures Helm chart inflation, which runs the helm program'],
  ['helmChartInflationGenerator', 'inflates Helm charts, which runs the helm program'],
  ['generators', 'names generator plugins or KRM functions, which run code'],
  ['transformers', 'names transformer plugins or KRM functions, which run code'],
  ['validators', 'names validator plugins or KRM functions, which run code'],
]);

/** Entries of `patches:` and `patchesJson6902:` (types.Patch). */
export const PATCH_FIELDS: ReadonlySet<string> = new Set(['path', 'patch', 'target', 'options']);

/** Entries of `configMapGenerator:` and `secretGenerator:` (GeneratorArgs, KvPairSources, SecretArgs.type). */
export const GENERATOR_FIELDS: ReadonlySet<string> = new Set(['name', 'namespace', 'behavior', 'literals', 'files', 'envs', 'env', 'options', 'type']);

/** Entries of `replacements:` (ReplacementField: an inline Replacement or a path to one). */
export const REPLACEMENT_FIELDS: ReadonlySet<string> = new Set(['path', 'source', 'targets']);
