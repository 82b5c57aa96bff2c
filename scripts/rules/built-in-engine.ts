// The pipeline's own checks (schema, deprecated-api, duplicate-resource, ...) configured and exempted through
// the same configuration and annotations as every other rule.
import { configurableOf } from '../lib/rule-meta.ts';
import type { Finding, Resource, ResourceRef } from '../lib/model.ts';
import { refOf } from '../lib/model.ts';
import { resolveSettings, type RuleConfig } from './config.ts';
import { severityOf } from './engine.ts';
import { indexExemptions } from './exemptions.ts';
import { catalogue, catalogueEntry } from './registry.ts';

/**
 * Applies the source's settings to the findings the pipeline made about it: `off` drops them, a severity
 * replaces theirs, and an exemption annotation on the resource excuses them. Findings of other stages pass.
 */
export function configureBuiltInFindings(findings: readonly Finding[], resources: readonly Resource[], source: string, config: RuleConfig): Finding[] {
  const resolved = resolveSettings(config, source);
  // Problems with the annotations themselves are reported by the policy engine; here they only excuse.
  const exemptions = indexExemptions(resources, {
    knownRules: new Set(catalogue.map((entry) => entry.id)),
    allowExemptions: resolved.allowExemptions,
  });
  const byRef = byRefOf(resources);
  const out: Finding[] = [];
  for (const finding of findings) {
    const entry = catalogueEntry(finding.rule);
    if (!entry || entry.stage !== 'built-in' || configurableOf(entry) === 'none') {
      out.push(finding);
      continue;
    }
    const setting = resolved.rules[finding.rule];
    if (setting === 'off' && configurableOf(entry) === 'all') continue;
    if (entry.exemptable !== false && isExempt(finding, byRef, exemptions.exempts)) continue;
    out.push(setting === undefined || setting === 'off' ? finding : { ...finding, severity: severityOf(setting, finding.severity) });
  }
  return out;
}

function isExempt(finding: Finding, byRef: Map<string, Resource[]>, exempts: ReturnType<typeof indexExemptions>['exempts']): boolean {
  if (!finding.resource) return false;
  // A duplicate has the same ref as its first definition: an exemption on either excuses the finding.
  return (byRef.get(refKey(finding.resource)) ?? []).some(
    (resource) => exempts(finding.rule, { resource, path: finding.path ?? '', message: finding.message }) !== undefined,
  );
}

function refKey(ref: ResourceRef): string {
  return [ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('\u0000');
}

function byRefOf(resources: readonly Resource[]): Map<string, Resource[]> {
  const map = new Map<string, Resource[]>();
  for (const resource of resources) {
    const key = refKey(refOf(resource.object));
    map.set(key, [...(map.get(key) ?? []), resource]);
  }
  return map;
}
