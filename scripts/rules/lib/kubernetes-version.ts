// The target Kubernetes version as rules compare it. API-server validation and Pod Security checks change
// between minor releases; a run that names no target (tests, the rule engine alone) gets the newest vendored.
import type { RuleContext } from '../rule.ts';

/** The newest vendored release; the target when a run does not say. */
export const NEWEST_KUBERNETES = '1.36.0';

/** [major, minor] of the target, a leading `v` allowed. */
function target(context: Pick<RuleContext, 'kubernetesVersion'>): [number, number] {
  const [major, minor] = (context.kubernetesVersion ?? NEWEST_KUBERNETES).replace(/^v/, '').split('.').map(Number);
  return [major ?? 0, minor ?? 0];
}

/** True when the run targets `release` ('1.35') or later. */
export function targetsAtLeast(context: Pick<RuleContext, 'kubernetesVersion'>, release: string): boolean {
  const [major, minor] = target(context);
  const [wantedMajor = 0, wantedMinor = 0] = release.split('.').map(Number);
  return major !== wantedMajor ? major > wantedMajor : minor >= wantedMinor;
}

/** The minor release the run targets (`1.34.0` → 34); the newest vendored one when it names a 2.x or none. */
export function targetMinor(context: Pick<RuleContext, 'kubernetesVersion'>): number {
  const [major, minor] = target(context);
  return major === 1 && Number.isInteger(minor) ? minor : Number(NEWEST_KUBERNETES.split('.')[1]);
}
