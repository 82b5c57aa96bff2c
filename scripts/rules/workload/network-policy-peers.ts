import type { Rule, Violation } from '../rule.ts';
import { describeSelector, labelSelector } from '../cross/lib/selectors.ts';
import { podsMadeOutside } from '../cross/lib/outside-render.ts';
import { describe, isRecord, namespaceOf } from '../cross/lib/values.ts';
import { policyPeers } from '../lib/policy-peers.ts';
import { pointer } from '../../lib/model.ts';

const VERBS = { ingress: 'admits', egress: 'allows traffic to' } as const;

// A peer with only a podSelector means "pods of the policy's own namespace with these labels". When no
// workload of the render carries them, the rule allows nothing: usually a label that was renamed on one side.
// Peers with a namespaceSelector name pods of other namespaces, which the render cannot show: not checked;
// pods made outside the render (an operator's, a label set of external.pods) count as selected.
export const networkPolicyPeers: Rule = {
  id: 'network-policy-peers',
  severity: 'warning',
  description:
    "A NetworkPolicy ingress `from` or egress `to` peer with only a podSelector selects the pods of some workload in the policy's namespace in the render, of an operator's custom resource there, or a label set of `external.pods` (peers with a namespaceSelector or ipBlock are not checked).",
  fix: 'Make the peer podSelector match the labels of the pods it should admit, add a namespaceSelector when they live in another namespace, or declare pods made outside the render under external.pods.',
  // Every kind: a custom resource may be what makes the pods a peer selects.
  kinds: ['*'],
  equivalents: {},
  check: (context) => {
    const violations: Violation[] = [];
    for (const policy of context.index.byKind('NetworkPolicy')) {
      for (const { direction, peer, segments } of policyPeers(policy)) {
        if (!isRecord(peer) || !isRecord(peer.podSelector) || peer.namespaceSelector !== undefined) continue;
        const selector = labelSelector(peer.podSelector);
        if (context.index.workloadsSelectedBy(selector, namespaceOf(policy)).length > 0) continue;
        if (podsMadeOutside(context, selector, namespaceOf(policy))) continue;
        violations.push({
          resource: policy,
          path: pointer(...segments, 'podSelector'),
          message: `${describe(policy)} ${VERBS[direction]} pods ${describeSelector(selector)}, but no workload of the render in its namespace has those labels: the rule allows nothing (if such pods are made outside the render, declare them under external.pods)`,
        });
      }
    }
    return violations;
  },
};
