// The rules a report talks about: the ones the CLI says ran, the pipeline's built-in checks, and any other id
// that appears in a finding (so SARIF results never reference a rule the run does not describe).
import type { Finding } from '../model.ts';
import type { RuleInfo } from './options.ts';

/** Checks the pipeline itself performs before any policy rule runs. */
export const BUILT_IN_RULES: readonly RuleInfo[] = [
  {
    id: 'input',
    severity: 'error',
    description: 'Every path given to the validator exists, is readable and lies inside the repository.',
    fix: 'Pass an existing overlay directory or manifest file inside the repository.',
  },
  {
    id: 'render',
    severity: 'error',
    description: 'The kustomization renders without error.',
    fix: 'Run `kustomize build` on the overlay and fix what it reports (missing file, bad patch, remote base).',
  },
  {
    id: 'yaml-syntax',
    severity: 'error',
    description: 'Every manifest is valid YAML.',
    fix: 'Fix the YAML so that it parses: indent with spaces, keep keys unique, quote special characters.',
  },
  {
    id: 'schema',
    severity: 'error',
    description: 'Every resource is a Kubernetes object that matches the schema of its apiVersion and kind.',
    fix: 'Correct the field to match the Kubernetes API (check spelling, type and nesting).',
  },
  {
    id: 'unknown-kind',
    severity: 'error',
    description: 'Every apiVersion and kind has a schema to validate against.',
    fix: 'Add its schema with --schema-location DIR, correct the apiVersion/kind, or pass --ignore-missing-schemas.',
  },
  {
    id: 'deprecated-api',
    severity: 'error',
    description: 'No resource uses an apiVersion removed in the target Kubernetes version.',
    fix: 'Migrate the resource to the apiVersion that replaces the removed one.',
  },
  {
    id: 'duplicate-resource',
    severity: 'error',
    description: 'No resource is defined twice in one source.',
    fix: 'Remove one of the two definitions or give them distinct names.',
  },
];

/**
 * Every rule by id, sorted by id. The CLI's descriptions win over the built-in ones; an id known only from
 * findings gets a placeholder description because SARIF consumers reject empty ones.
 */
export function ruleCatalog(given: readonly RuleInfo[] | undefined, findings: readonly Finding[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of BUILT_IN_RULES) byId.set(rule.id, rule);
  for (const rule of given ?? []) byId.set(rule.id, rule);
  for (const finding of findings) {
    if (!byId.has(finding.rule)) {
      byId.set(finding.rule, {
        id: finding.rule,
        severity: finding.severity,
        description: `Findings reported as ${finding.rule}.`,
        fix: finding.fix ?? 'See the message of each finding.',
      });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
