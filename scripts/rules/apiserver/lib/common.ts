// What the API-server rules share: where a kind keeps its pod template, and messages.
import type { Resource } from '../../../lib/model.ts';
import { pointer } from '../../../lib/model.ts';
import type { RuleContext, Violation } from '../../rule.ts';

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
