// The target Kubernetes version as rules compare it: Pod Security's checks are versioned by minor release.
import type { RuleContext } from '../../rule.ts';

/** The newest minor release whose Pod Security checks these rules know; a run without a target uses it. */
export const NEWEST_KNOWN_MINOR = 36;

/** The minor release the run targets (`1.34.0` → 34); the newest known when the run names none or a 2.x. */
export function targetMinor(context: Pick<RuleContext, 'kubernetesVersion'>): number {
  const match = /^v?1\.(\d+)/.exec(context.kubernetesVersion ?? '');
  return match ? Number(match[1]) : NEWEST_KNOWN_MINOR;
}

/** The target is Kubernetes 1.`minor` or newer. */
export function targetsAtLeast(context: Pick<RuleContext, 'kubernetesVersion'>, minor: number): boolean {
  return targetMinor(context) >= minor;
}
