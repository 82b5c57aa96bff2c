// Exemptions written in the manifest, next to the thing they excuse, with the reason a reviewer reads.
//
//   ignore-check.openclaw.dev/<rule-id>: "<reason>"                   the whole resource
//   ignore-check.openclaw.dev/<rule-id>.<container-name>: "<reason>"  one container of its pod template
//
// Rule ids never contain a dot and container names cannot (they are DNS labels), so the first dot
// separates the two without ambiguity.
import type { Resource, Severity } from '../lib/model.ts';
import type { RuleMeta } from '../lib/rule-meta.ts';
import { pointer } from '../lib/model.ts';
import { isRecord } from '../lib/model.ts';
import { containersOf, podTemplateOf } from './resource-index.ts';
import type { Violation } from './rule.ts';
import { looksBlank } from '../lib/report/invisible.ts';

export const EXEMPTION_PREFIX = 'ignore-check.openclaw.dev/';

const exemptionRule = <Id extends string>(id: Id, severity: Severity, description: string, fix: string) =>
  ({ id, severity, description, fix, kinds: ['*'], stage: 'exemption', profile: 'schema', exemptable: false }) as const satisfies RuleMeta;

/** Findings the engine makes itself about exemption annotations; configurable like any rule. */
export const EXEMPTION_RULES = [
  exemptionRule(
    'exemption-reason',
    'error',
    'An exemption annotation gives a reason.',
    'Write why the check does not apply as the annotation value, e.g. "needs NET_ADMIN to program iptables".',
  ),
  exemptionRule(
    'exemption-unknown-rule',
    'warning',
    'An exemption annotation names a rule that exists.',
    'Correct the rule id after ignore-check.openclaw.dev/ (see --list-rules), or remove the annotation.',
  ),
  exemptionRule(
    'exemption-unknown-container',
    'warning',
    'A container-scoped exemption annotation names a container of the pod template.',
    'Correct the container name after the rule id (ignore-check.openclaw.dev/<rule-id>.<container>), or remove the annotation.',
  ),
  exemptionRule(
    'exemption-forbidden',
    'warning',
    'Exemption annotations are not used where the configuration forbids them (allowExemptions: false).',
    'Fix the finding the annotation tried to exempt; this source does not accept exemptions.',
  ),
] as const;

export type EngineRuleId = (typeof EXEMPTION_RULES)[number]['id'];

export function exemptionRuleOf(id: EngineRuleId): RuleMeta {
  return EXEMPTION_RULES.find((rule) => rule.id === id)!;
}

export interface Exemption {
  rule: string;
  /** Set when the exemption is scoped to one container. */
  container?: string;
  reason: string;
  resource: Resource;
  /** JSON pointer to the annotation. */
  path: string;
}

/** A problem with an exemption, reported under one of the engine's own rule ids. */
export interface ExemptionProblem extends Violation {
  rule: EngineRuleId;
}

/** Every exemption annotation of a resource: on its metadata and, for workloads, on its pod template's metadata. */
export function exemptionsOf(resource: Resource): Exemption[] {
  const places: Array<{ annotations: unknown; at: string }> = [
    { annotations: resource.object.metadata?.annotations, at: '/metadata/annotations' },
  ];
  const template = podTemplateOf(resource);
  if (template && template.specPath !== '/spec') {
    const metadataPath = template.specPath.replace(/\/spec$/, '/metadata');
    places.push({ annotations: annotationsAt(resource, metadataPath), at: `${metadataPath}/annotations` });
  }
  const exemptions: Exemption[] = [];
  for (const { annotations, at } of places) {
    if (!isRecord(annotations)) continue;
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(EXEMPTION_PREFIX)) continue;
      const name = key.slice(EXEMPTION_PREFIX.length);
      const dot = name.indexOf('.');
      const exemption: Exemption = {
        rule: dot === -1 ? name : name.slice(0, dot),
        reason: typeof value === 'string' ? value.trim() : '',
        resource,
        path: at + pointer(key),
      };
      if (dot !== -1) exemption.container = name.slice(dot + 1);
      exemptions.push(exemption);
    }
  }
  return exemptions;
}

function annotationsAt(resource: Resource, metadataPath: string): unknown {
  let current: unknown = resource.object;
  for (const segment of [...metadataPath.slice(1).split('/'), 'annotations']) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

export interface ExemptionIndex {
  /** The exemption that excuses this violation of this rule, if one is in force. */
  exempts(rule: string, violation: Violation): Exemption | undefined;
  problems: ExemptionProblem[];
}

/**
 * Collects the exemptions in force. An exemption without a reason, naming an unknown rule, or in a source
 * that forbids exemptions does not excuse anything, and says why.
 */
export function indexExemptions(
  resources: readonly Resource[],
  options: { knownRules: ReadonlySet<string>; allowExemptions: boolean },
): ExemptionIndex {
  const inForce = new Map<Resource, Exemption[]>();
  const problems: ExemptionProblem[] = [];
  for (const resource of resources) {
    for (const exemption of exemptionsOf(resource)) {
      const scope = exemption.container ? `${exemption.rule} for container "${exemption.container}"` : exemption.rule;
      const problem = (rule: EngineRuleId, message: string) =>
        problems.push({ rule, resource, path: exemption.path, message, ...containerOf(exemption) });
      if (!options.knownRules.has(exemption.rule)) {
        problem('exemption-unknown-rule', `exemption names unknown rule "${exemption.rule}"`);
      } else if (!options.allowExemptions) {
        problem('exemption-forbidden', `exemption of ${scope} ignored: this source does not allow exemptions`);
      } else if (exemption.container !== undefined && !containerNames(resource).includes(exemption.container)) {
        // A typo here would otherwise excuse nothing without a word, while the author believes the finding is handled.
        const names = containerNames(resource);
        const has = names.length > 0 ? `its containers are ${names.join(', ')}` : 'it has no pod template';
        problem('exemption-unknown-container', `exemption of ${scope} applies to nothing: ${has}`);
      } else if (looksBlank(exemption.reason)) {
        // A zero-width space is as much a reason as none: the reviewer sees an empty annotation.
        problem('exemption-reason', `exemption of ${scope} has no reason, so it is not applied`);
      } else {
        let list = inForce.get(resource);
        if (!list) inForce.set(resource, (list = []));
        list.push(exemption);
      }
    }
  }
  return {
    problems,
    exempts: (rule, violation) =>
      inForce
        .get(violation.resource)
        ?.find(
          (exemption) =>
            exemption.rule === rule &&
            (exemption.container === undefined || exemption.container === violation.container),
        ),
  };
}

function containerNames(resource: Resource): string[] {
  const template = podTemplateOf(resource);
  return template ? containersOf(template).map((ref) => ref.name) : [];
}

function containerOf(exemption: Exemption): { container?: string } {
  return exemption.container === undefined ? {} : { container: exemption.container };
}
