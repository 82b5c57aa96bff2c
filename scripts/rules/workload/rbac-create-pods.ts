import type { Rule, Violation } from '../rule.ts';
import { describeRole, policyRules, ROLE_KINDS } from './lib/rbac.ts';

// Whoever can create a pod (directly or through a controller that creates pods) can run it with any
// ServiceAccount of the namespace and mount any of its Secrets: CIS Benchmark 5.1.4.
const POD_MAKERS: Readonly<Record<string, readonly string[]>> = {
  '': ['pods', 'replicationcontrollers'],
  apps: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
  batch: ['jobs', 'cronjobs'],
};

function grantedResources(apiGroups: readonly string[], resources: readonly string[]): string[] {
  const out: string[] = [];
  for (const [group, makers] of Object.entries(POD_MAKERS)) {
    if (!apiGroups.includes('*') && !apiGroups.includes(group)) continue;
    for (const maker of makers) if (resources.includes('*') || resources.includes(maker)) out.push(group === '' ? maker : `${maker}.${group}`);
  }
  return out;
}

export const rbacCreatePods: Rule = {
  id: 'rbac-create-pods',
  severity: 'warning',
  description: 'No Role or ClusterRole grants create on pods or on the controllers that make them (Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs).',
  fix: 'Grant create on workloads only to the identity that deploys them (the GitOps controller), and exempt that Role with a reason.',
  kinds: ROLE_KINDS,
  equivalents: { kubeLinter: 'access-to-create-pods' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const rule of policyRules(context)) {
      if (!rule.verbs.includes('create') && !rule.verbs.includes('*')) continue;
      const granted = grantedResources(rule.apiGroups, rule.resources);
      if (granted.length === 0) continue;
      violations.push({
        resource: rule.resource,
        path: rule.path,
        message: `${describeRole(rule.resource)} rule ${rule.index} can create ${granted.join(', ')}: pods with any ServiceAccount and Secret of the namespace`,
      });
    }
    return violations;
  },
};
