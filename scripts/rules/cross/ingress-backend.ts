import { pointer, type Resource } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import type { ResourceIndex } from '../resource-index.ts';
import type { RuleSettings } from '../rule.ts';
import { listsName } from './lib/outside-render.ts';
import { describePorts, exposes } from './lib/service-ports.ts';
import { describe, listAt, namespaceOf, numberAt, recordAt, stringAt } from './lib/values.ts';

interface Backend {
  /** Pointer to the backend's `service` object. */
  path: string;
  label: string;
}

function backendsOf(ingress: Resource): Backend[] {
  const out: Backend[] = [];
  if (recordAt(ingress.object, 'spec', 'defaultBackend', 'service')) {
    out.push({ path: '/spec/defaultBackend/service', label: 'default backend' });
  }
  listAt(ingress.object, 'spec', 'rules').forEach((rule, r) => {
    const host = stringAt(rule, 'host') ?? '*';
    listAt(rule, 'http', 'paths').forEach((path, p) => {
      if (!recordAt(path, 'backend', 'service')) return;
      out.push({
        path: pointer('spec', 'rules', r, 'http', 'paths', p, 'backend', 'service'),
        label: `backend ${host}${stringAt(path, 'path') ?? '/'}`,
      });
    });
  });
  return out;
}

/** Ingress wildcard semantics: `*.example.com` stands for exactly one label, so not `example.com` nor `b.a.example.com`. */
function wildcardCovers(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.') || host.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === pattern.slice(2);
}

/** A TLS host is served when a rule host names it, or one of the two is a wildcard covering the other. */
function hostsMatch(tlsHost: string, ruleHost: string): boolean {
  return tlsHost === ruleHost || wildcardCovers(ruleHost, tlsHost) || wildcardCovers(tlsHost, ruleHost);
}

function at(object: unknown, path: string): Record<string, unknown> | undefined {
  return recordAt(object, ...path.slice(1).split('/'));
}

function checkBackend(index: ResourceIndex, settings: RuleSettings, ingress: Resource, backend: Backend): Violation | undefined {
  const service = at(ingress.object, backend.path);
  const name = stringAt(service, 'name');
  if (!name) return undefined;
  const target = index.services.find((s) => s.name === name && s.namespace === namespaceOf(ingress));
  const subject = `${describe(ingress)} ${backend.label} service "${name}"`;
  if (!target) {
    const namespace = namespaceOf(ingress);
    if (listsName(settings.external.services, name, namespace)) return undefined;
    const missing = `Service ${namespace ? `${namespace}/` : ''}${name}`;
    return { resource: ingress, path: `${backend.path}/name`, message: `${subject}: ${missing} is not in the render; if it is made outside the render (another source, an operator), declare it under external.services` };
  }
  const port = numberAt(service, 'port', 'number') ?? stringAt(service, 'port', 'name');
  if (port === undefined) return undefined;
  if (exposes(target, port)) return undefined;
  const field = typeof port === 'number' ? 'number' : 'name';
  return {
    resource: ingress,
    path: `${backend.path}/port/${field}`,
    message: `${subject} port ${typeof port === 'number' ? port : `"${port}"`}: the Service exposes ${describePorts(target)}`,
  };
}

export const ingressBackend: Rule = {
  id: 'ingress-backend',
  severity: 'error',
  description:
    'Every Ingress backend (defaultBackend and each rule path) names a Service in the render (or one listed in `external.services`) and a port it exposes (by number or name), and every TLS host appears in the rules (a wildcard host, on either side, covers exactly one DNS label).',
  fix: 'Point the backend at an existing Service and one of its ports (declare a Service made outside the render under external.services), and list each TLS host under spec.rules[].host.',
  kinds: ['Ingress', 'Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: { kubeLinter: 'dangling-ingress' },
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const ingress of context.index.byKind('Ingress')) {
      for (const backend of backendsOf(ingress)) {
        const violation = checkBackend(index, context.settings, ingress, backend);
        if (violation) violations.push(violation);
      }
      const ruleHosts = new Set(
        listAt(ingress.object, 'spec', 'rules')
          .map((rule) => stringAt(rule, 'host'))
          .filter((host): host is string => host !== undefined),
      );
      listAt(ingress.object, 'spec', 'tls').forEach((tls, t) => {
        listAt(tls, 'hosts').forEach((host, h) => {
          if (typeof host !== 'string' || [...ruleHosts].some((ruleHost) => hostsMatch(host, ruleHost))) return;
          violations.push({
            resource: ingress,
            path: pointer('spec', 'tls', t, 'hosts', h),
            message: `${describe(ingress)} TLS host "${host}" (secret ${stringAt(tls, 'secretName') ?? 'unset'}) appears in no rule: rule hosts are ${[...ruleHosts].join(', ') || 'none'}`,
          });
        });
      });
    }
    return violations;
  },
};
