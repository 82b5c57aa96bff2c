// The peers of a NetworkPolicy: spec.ingress[].from[] and spec.egress[].to[], walked once for the rules that
// read them (label syntax of their selectors, whether their podSelector selects anything).
import type { Resource } from '../../lib/model.ts';
import { listAt } from './read.ts';

export interface NetworkPolicyPeer {
  direction: 'ingress' | 'egress';
  /** The list of peers in a rule of that direction. */
  field: 'from' | 'to';
  ruleIndex: number;
  peerIndex: number;
  /** The peer as written (a record in a valid manifest). */
  peer: unknown;
  /** The pointer segments to the peer: spec, direction, rule, field, peer. */
  segments: string[];
}

const DIRECTIONS = [
  ['ingress', 'from'],
  ['egress', 'to'],
] as const;

/** Every peer of the policy, ingress first, in the order written. */
export function policyPeers(policy: Resource): NetworkPolicyPeer[] {
  return DIRECTIONS.flatMap(([direction, field]) =>
    listAt(policy.object, 'spec', direction).flatMap((rule, ruleIndex) =>
      listAt(rule, field).map((peer, peerIndex) => ({
        direction,
        field,
        ruleIndex,
        peerIndex,
        peer,
        segments: ['spec', direction, String(ruleIndex), field, String(peerIndex)],
      })),
    ),
  );
}
