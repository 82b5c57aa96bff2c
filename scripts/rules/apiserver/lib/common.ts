// What the API-server rules share: the target version, where a kind keeps its pod template, and messages.
import type { Resource } from '../../../lib/model.ts';
import { pointer } from '../../../lib/model.ts';
import type { RuleContext, Violation } from '../../rule.ts';

/** The newest vendored release; the target when a run does not say (tests, the rule engine alone). */
export const NEWEST_KUBERNETES = '1.36.0';

/** True when the run targets `release` ('1.35') or later. */
export function targetsAtLeast(context: Pick<RuleContext, 'kubernetesVersion'>, release: string): boolean {
  const target = (context.kubernetesVersion ?? NEWEST_KUBERNETES).split('.').map(Number);
  const wanted = release.split('.').map(Number);
  for (let i = 0; i < 2; i++) {
    const [a, b] = [target[i] ?? 0, wanted[i] ?? 0];
    if (a !== b) return a > b;
  }
  return true;
}

/** Kinds whose pod template the API server validates, with the path of the template (a PodTemplateSpec). */
export const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const TEMPLATE_KINDS = Object.keys(TEMPLATE_PATHS);
/** Kinds that hold a PodSpec: the template kinds and Pod itself. */
export const POD_SPEC_KINDS = ['Pod', ...TEMPLATE_KINDS];

/** JSON pointer of a kind's PodSpec ('/spec' for a Pod), or undefined for kinds without one. */
export function podSpecPointer(kind: string): string | undefined {
  if (kind === 'Pod') return '/spec';
  const path = TEMPLATE_PATHS[kind];
  return path ? pointer(...path, 'spec') : undefined;
}

export function violation(resource: Resource, path: string, message: string, extra: Partial<Violation> = {}): Violation {
  return { resource, path, message, ...extra };
}
