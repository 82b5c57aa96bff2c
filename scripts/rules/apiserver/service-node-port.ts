// Node ports as the API server takes them. Mirrors k8s.io/kubernetes pkg/apis/core/validation ValidateService
// (a nodePort on a ClusterIP Service is forbidden; two ports may not share a nodePort and protocol) and the
// node-port allocator of pkg/registry/core/service/portallocator (`Allocate`: a requested port outside the
// cluster's --service-node-port-range, 30000-32767 unless the cluster says otherwise, is refused on create).
import { isRecord, pointer } from '../../lib/model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import { listAt, stringAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';

const OPTIONS = {
  nodePortRange: {
    type: 'string',
    description: "the cluster's --service-node-port-range as FIRST-LAST (default 30000-32767, the API server's default)",
  },
} as const satisfies OptionSpecs;

const DEFAULT_RANGE = { first: 30000, last: 32767 };

export const serviceNodePort: Rule = {
  id: 'service-node-port',
  severity: 'error',
  description:
    "A nodePort is set only on NodePort and LoadBalancer Services (a Service with no type is ClusterIP), lies in the cluster's node-port range (default 30000-32767), and no two ports of a Service share nodePort and protocol.",
  fix: 'Remove nodePort from a ClusterIP Service, or pick a unique port inside the node-port range (or leave nodePort out and let the cluster allocate one).',
  kinds: ['Service'],
  mirrors: '`ValidateService` (pkg/apis/core/validation) and the node-port allocator `Allocate` (pkg/registry/core/service/portallocator)',
  options: OPTIONS,
  check(context) {
    const range = parseRange(optionsOf(context.settings, 'service-node-port', OPTIONS).nodePortRange);
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      const type = stringAt(resource.object, 'spec', 'type') ?? 'ClusterIP';
      const seen = new Map<string, number>();
      listAt(resource.object, 'spec', 'ports').forEach((port, index) => {
        if (!isRecord(port) || typeof port.nodePort !== 'number' || port.nodePort === 0) return;
        const at = pointer('spec', 'ports', index, 'nodePort');
        const nodePort = port.nodePort;
        if (type === 'ClusterIP') {
          violations.push(violation(resource, at, `ports[${index}] sets nodePort ${nodePort}, which a ClusterIP Service may not use`));
          return;
        }
        if (type !== 'NodePort' && type !== 'LoadBalancer') return; // ExternalName: no ports are allocated
        if (range && (nodePort < range.first || nodePort > range.last)) {
          violations.push(violation(resource, at, `ports[${index}] nodePort ${nodePort} is outside the node-port range ${range.first}-${range.last}`));
        }
        const key = `${nodePort}/${typeof port.protocol === 'string' ? port.protocol : 'TCP'}`;
        const first = seen.get(key);
        if (first !== undefined) violations.push(violation(resource, at, `ports[${index}] repeats nodePort ${key} of ports[${first}]`));
        else seen.set(key, index);
      });
    }
    return violations;
  },
};

/** FIRST-LAST as the API server's flag takes it; undefined (no range check) when it cannot be read. */
function parseRange(text: string | undefined): { first: number; last: number } | undefined {
  if (text === undefined) return DEFAULT_RANGE;
  const span = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  return span ? { first: Number(span[1]), last: Number(span[2]) } : undefined;
}
