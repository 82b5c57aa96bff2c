// Pod templates and their containers as rules see them: security contexts with pod-level inheritance.
import { appendAll } from '../../../lib/model.ts';
import type { RuleContext, Violation } from '../../rule.ts';
import {
  containersOf,
  type ContainerList,
  type ContainerRef,
  type PodTemplate,
} from '../../resource-index.ts';
import { isRecord, recordAt, valueAt } from '../../lib/read.ts';
import { pointerSegments } from '../../../lib/model.ts';

/** The kinds that carry a pod template, for the docs' "kinds" column. */
export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
] as const;

export const LONG_RUNNING_KINDS = WORKLOAD_KINDS.filter((kind) => kind !== 'Job' && kind !== 'CronJob');

/** What Pod Security checks: every workload kind and core/v1 PodTemplate objects, whose pods it would admit too. */
export const POD_SECURITY_KINDS = [...WORKLOAD_KINDS, 'PodTemplate'] as const;

const LIST_LABEL: Record<ContainerList, string> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

/** `init container "migrate"`: messages name the container and say which list it is in. */
export function describeContainer(ref: ContainerRef): string {
  return `${LIST_LABEL[ref.list]} "${ref.name}"`;
}

export function podSecurityContext(template: PodTemplate): Record<string, unknown> {
  return recordAt(template.spec, 'securityContext') ?? {};
}

export function containerSecurityContext(ref: ContainerRef): Record<string, unknown> {
  return recordAt(ref.container, 'securityContext') ?? {};
}

/** The pods' own annotations (template metadata; a Pod's metadata) and the pointer to them. */
export function podAnnotations(template: PodTemplate): { annotations: Record<string, unknown>; path: string } {
  const metadataPath = template.specPath.replace(/\/spec$/, '/metadata');
  const annotations = valueAt(template.resource.object, ...pointerSegments(metadataPath), 'annotations');
  return { annotations: isRecord(annotations) ? annotations : {}, path: `${metadataPath}/annotations` };
}

/** Windows pods are exempt from the Linux-only parts of the restricted profile, as in pod-security-admission. */
export function isWindowsPod(template: PodTemplate): boolean {
  return recordAt(template.spec, 'os')?.name === 'windows';
}

/** Pods in a user namespace (hostUsers: false): root in the pod is not root on the node. */
export function usesUserNamespace(template: PodTemplate): boolean {
  return template.spec.hostUsers === false;
}

/** A violation about one container, carrying its name so that an exemption can be scoped to it. */
export function containerViolation(ref: ContainerRef, relativePath: string, message: string): Violation {
  return {
    resource: ref.template.resource,
    path: ref.path + relativePath,
    message: `${describeContainer(ref)}: ${message}`,
    container: ref.name,
  };
}

export function podViolation(template: PodTemplate, relativePath: string, message: string): Violation {
  return { resource: template.resource, path: template.specPath + relativePath, message };
}

/** A problem a securityContext check finds: where under `securityContext`, and what, said of the subject. */
export interface SecurityContextProblem {
  /** Pointer below securityContext, e.g. `/seLinuxOptions/user`. */
  path: string;
  /** Said of the pod or container: "uses AppArmor profile Unconfined". */
  message: string;
}

/**
 * The same check on the pod's securityContext and on each of its containers' (Pod Security reads both and
 * checks each on its own): the pod's problems worded "the pod ...", the containers' named by the container.
 */
export function securityContextViolations(template: PodTemplate, check: (securityContext: Record<string, unknown>) => SecurityContextProblem[]): Violation[] {
  const violations = check(podSecurityContext(template)).map((problem) => podViolation(template, `/securityContext${problem.path}`, `the pod ${problem.message}`));
  for (const ref of containersOf(template)) {
    for (const problem of check(containerSecurityContext(ref))) violations.push(containerViolation(ref, `/securityContext${problem.path}`, problem.message));
  }
  return violations;
}

/** Runs `visit` on every container of every pod template, in the lists given. */
export function visitContainers(
  context: RuleContext,
  lists: readonly ContainerList[],
  visit: (ref: ContainerRef) => Violation[],
  filter: (template: PodTemplate) => boolean = () => true,
): Violation[] {
  const violations: Violation[] = [];
  for (const template of context.index.podTemplates) {
    if (!filter(template)) continue;
    for (const ref of containersOf(template, lists)) appendAll(violations, visit(ref));
  }
  return violations;
}
