import type { Rule, Violation } from '../rule.ts';
import { describeSelector, labelSelector } from '../cross/lib/selectors.ts';
import { podsMadeOutside } from '../cross/lib/outside-render.ts';
import { describe, isRecord, listAt, namespaceOf } from '../cross/lib/values.ts';

const DIRECTIONS = [
  { list: 'ingress', peers: 'from', verb: 'admits' },
  { list: 'egress', peers: 'to', verb: 'allows traffic to' },
] as const;

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
      for (const direction of DIRECTIONS) {
        listAt(policy.object, 'spec', direction.list).forEach((rule, ruleIndex) => {
          listAt(rule, direction.peers).forEach((peer, peerIndex) => {
            if (!isRecord(peer) || !isRecord(peer.podSelector) || peer.namespaceSelector !== undefined) return;
            const selector = labelSelector(peer.podSelector);
            if (context.index.workloadsSelectedBy(selector, namespaceOf(policy)).length > 0) return;
            if (podsMadeOutside(context, selector, namespaceOf(policy))) return;
            violations.push({
              resource: policy,
              path: `/spec/${direction.list}/${ruleIndex}/${direction.peers}/${peerIndex}/podSelector`,
              message: `${describe(policy)} ${direction.verb} pods ${describeSelector(selector)}, but no workload of the render in its namespace has those labels: the rule allows nothing (if such pods are made outside the render, declare them under external.pods)`,
            });
          });
        });
      }
    }
    return violations;
  },
};
