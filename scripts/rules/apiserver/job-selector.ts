// A Job whose selector the API server generates. Without `manualSelector: true` the API server adds its own
// controller-uid term to spec.selector and its own labels to the template, then checks that the selector still
// selects those labels and that the template carries them with this Job's values. A selector written in the
// manifest (any term beyond the Job's own name) or a template label that claims another Job's name or uid is
// therefore refused. A CronJob's jobTemplate may not set a selector nor manualSelector: true at all.
// Mirrors k8s.io/kubernetes pkg/apis/batch/validation ValidateGeneratedSelector and ValidateJobTemplateSpec.
import type { Resource } from '../../lib/model.ts';
import { isRecord, pointer } from '../../lib/model.ts';
import { describeSelector, isEmptySelector, labelSelector, matches } from '../cross/lib/selectors.ts';
import { recordAt, stringAt, valueAt } from '../lib/read.ts';
import type { Rule, RuleContext, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';

/** A uid the API server assigns on create: no value written in a manifest can equal it. */
const NEW_UID = '\u0000uid-assigned-on-create';
const LEGACY_LABELS = { uid: 'controller-uid', name: 'job-name' };
/** The prefixed labels, checked on create since 1.27 (the JobTrackingWithFinalizers-era label migration). */
const BATCH_LABELS = { uid: 'batch.kubernetes.io/controller-uid', name: 'batch.kubernetes.io/job-name' };

export const jobSelector: Rule = {
  id: 'job-selector',
  severity: 'error',
  description:
    "A Job without `manualSelector: true` writes no selector of its own and no template label that names another Job (`job-name`, `controller-uid`, their batch.kubernetes.io/ forms): the API server generates them; a CronJob's jobTemplate sets neither a selector nor `manualSelector: true`.",
  fix: 'Remove spec.selector (and the controller-uid and job-name labels of the template) and let the API server generate them; set manualSelector: true only on a Job that must adopt existing pods.',
  kinds: ['Job', 'CronJob'],
  mirrors: '`ValidateGeneratedSelector`, `ValidateJobTemplateSpec` (pkg/apis/batch/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      if (resource.object.kind === 'CronJob') violations.push(...cronJobTemplate(resource));
      else violations.push(...generatedSelector(resource, context));
    }
    return violations;
  },
};

function generatedSelector(resource: Resource, context: RuleContext): Violation[] {
  if (valueAt(resource.object, 'spec', 'manualSelector') === true) return []; // selector-match judges manual ones
  const name = stringAt(resource.object, 'metadata', 'name');
  const keys = targetsAtLeast(context, '1.27') ? [LEGACY_LABELS, BATCH_LABELS] : [LEGACY_LABELS];
  const violations: Violation[] = [];
  const raw = valueAt(resource.object, 'spec', 'selector');
  if (isRecord(raw)) {
    const selector = labelSelector(raw);
    // What the generated selector must still select: this Job's own uid and name labels.
    const expected: Record<string, string> = {};
    for (const key of keys) {
      expected[key.uid] = NEW_UID;
      if (name !== undefined) expected[key.name] = name;
    }
    if (!isEmptySelector(selector) && !matches(selector, expected)) {
      violations.push(
        violation(resource, '/spec/selector', `the selector (${describeSelector(selector)}) is written by hand, but without manualSelector: true the API server generates it and refuses one that is not its own`),
      );
    }
  }
  const labels = recordAt(resource.object, 'spec', 'template', 'metadata', 'labels') ?? {};
  for (const key of keys) {
    if (key.uid in labels) {
      violations.push(violation(resource, pointer('spec', 'template', 'metadata', 'labels', key.uid), `the template sets ${key.uid}, which the API server sets to the uid it gives the new Job`));
    }
    const written = labels[key.name];
    if (written !== undefined && name !== undefined && String(written) !== name) {
      violations.push(violation(resource, pointer('spec', 'template', 'metadata', 'labels', key.name), `the template sets ${key.name}: ${String(written)}, but the Job is named ${name}`));
    }
  }
  return violations;
}

function cronJobTemplate(resource: Resource): Violation[] {
  const spec = recordAt(resource.object, 'spec', 'jobTemplate', 'spec');
  if (!spec) return [];
  const violations: Violation[] = [];
  if (spec.selector !== undefined && spec.selector !== null) {
    violations.push(violation(resource, '/spec/jobTemplate/spec/selector', "the jobTemplate sets a selector; the API server generates each Job's selector and refuses one in a CronJob"));
  }
  if (spec.manualSelector === true) {
    violations.push(violation(resource, '/spec/jobTemplate/spec/manualSelector', 'the jobTemplate sets manualSelector: true, which a CronJob does not accept'));
  }
  return violations;
}
