import type { Rule, Violation } from '../rule.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import { describe, stringAt } from '../cross/lib/values.ts';

const EXPOSING_TYPES = ['NodePort', 'LoadBalancer'] as const;
const OPTIONS = {
  allowedTypes: {
    type: 'choices',
    values: EXPOSING_TYPES,
    description: 'Service types that may expose pods outside the cluster without a finding (default: none)',
  },
} as const satisfies OptionSpecs;

// A NodePort opens the port on every node; a LoadBalancer asks the cloud for a public address. Both bypass
// the Ingress or Gateway where TLS, authentication and rate limits usually live.
export const serviceExposure: Rule = {
  id: 'service-exposure',
  severity: 'warning',
  description: 'No Service is of type NodePort or LoadBalancer (unless allowed by the allowedTypes option): traffic from outside comes through an Ingress or a Gateway.',
  fix: 'Use type ClusterIP behind an Ingress or Gateway, or allow the type with the allowedTypes option where exposure is intended.',
  kinds: ['Service'],
  options: OPTIONS,
  equivalents: { kubeLinter: 'exposed-services', kubeScore: 'service-type (NodePort only)' },
  check: (context) => {
    const allowed = new Set<string>(optionsOf(context.settings, 'service-exposure', OPTIONS).allowedTypes ?? []);
    const violations: Violation[] = [];
    for (const service of context.index.byKind('Service')) {
      const type = stringAt(service.object, 'spec', 'type');
      if (type === undefined || !(EXPOSING_TYPES as readonly string[]).includes(type) || allowed.has(type)) continue;
      const what = type === 'NodePort' ? 'opens its ports on every node' : 'asks for an external load balancer address';
      violations.push({ resource: service, path: '/spec/type', message: `${describe(service)} is of type ${type}: it ${what}` });
    }
    return violations;
  },
};
