// The seccomp profiles of the Linux pods in the render, as both Pod Security levels read them: baseline
// (seccomp-unconfined) refuses a profile set to anything but these, restricted (seccomp-profile) also
// requires one to be set, on the pod or on every container.
import type { ContainerRef, PodTemplate, ResourceIndex } from '../../resource-index.ts';
import { containersOf } from '../../resource-index.ts';
import { containerSecurityContext, isWindowsPod, podSecurityContext } from './containers.ts';
import { valueAt } from '../../lib/read.ts';

export const SECCOMP_ALLOWED: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

export interface PodSeccomp {
  template: PodTemplate;
  /** `securityContext.seccompProfile.type` of the pod, when set. */
  podType: unknown;
  containers: { ref: ContainerRef; type: unknown }[];
}

/** Every pod template but Windows ones (Pod Security does not check seccomp there), with its profile types. */
export function podSeccompProfiles(index: ResourceIndex): PodSeccomp[] {
  return index.podTemplates
    .filter((template) => !isWindowsPod(template))
    .map((template) => ({
      template,
      podType: valueAt(podSecurityContext(template), 'seccompProfile', 'type'),
      containers: containersOf(template).map((ref) => ({ ref, type: valueAt(containerSecurityContext(ref), 'seccompProfile', 'type') })),
    }));
}

/** A profile that is set and is neither RuntimeDefault nor Localhost (Unconfined, or a typo). */
export function refusedProfile(type: unknown): boolean {
  return type !== undefined && !SECCOMP_ALLOWED.has(String(type));
}
