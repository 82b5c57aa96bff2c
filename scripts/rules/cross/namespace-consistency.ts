import type { Resource } from '../../lib/model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import type { Rule, Violation } from '../rule.ts';
import { describe, listAt, nameOf, namespaceOf, recordAt, stringAt, stringList } from './lib/values.ts';

/** Kinds without a namespace; everything else (custom resources included) is treated as namespaced. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass',
  'IngressClass', 'GatewayClass', 'PriorityClass', 'RuntimeClass', 'ClusterIssuer', 'ClusterSecretStore',
  'ClusterExternalSecret', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'CSIDriver', 'VolumeSnapshotClass', 'Node',
  'ClusterPolicy', 'ClusterImagePolicy',
]);

/** The namespace the source is for: the one Namespace it renders, else the most common explicit namespace. */
export function expectedNamespace(resources: readonly Resource[]): string | undefined {
  const namespaces = resources.filter((r) => r.object.kind === 'Namespace').map(nameOf);
  if (namespaces.length === 1) return namespaces[0];
  const counts = new Map<string, number>();
  for (const resource of resources) {
    const namespace = namespaceOf(resource);
    if (namespace && !CLUSTER_SCOPED_KINDS.has(resource.object.kind)) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [namespace, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = namespace;
  return best;
}

interface NamespaceReference {
  path: string;
  /** Undefined: the reference names no namespace at all (a subject without one, a selector of any). */
  namespace: string | undefined;
  what: string;
}

/** Where objects point into other namespaces by name: binding subjects and monitors' namespace selectors. */
function namespaceReferences(resource: Resource): NamespaceReference[] {
  const { kind } = resource.object;
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    return listAt(resource.object, 'subjects').flatMap((subject, index) =>
      stringAt(subject, 'kind') === 'ServiceAccount'
        ? [{ path: `/subjects/${index}`, namespace: stringAt(subject, 'namespace'), what: `subject ServiceAccount "${stringAt(subject, 'name') ?? ''}"` }]
        : [],
    );
  }
  if (kind === 'ServiceMonitor' || kind === 'PodMonitor') {
    const selector = recordAt(resource.object, 'spec', 'namespaceSelector');
    if (selector?.any === true) return [{ path: '/spec/namespaceSelector/any', namespace: undefined, what: 'namespaceSelector any: true' }];
    return stringList(selector?.matchNames).map((namespace, index) => ({
      path: `/spec/namespaceSelector/matchNames/${index}`,
      namespace,
      what: 'namespaceSelector',
    }));
  }
  return [];
}

const OPTIONS = {
  allow: { type: 'strings', description: 'namespaces besides the source namespace that resources may be in or refer to' },
} as const satisfies OptionSpecs;

export const namespaceConsistency: Rule = {
  id: 'namespace-consistency',
  severity: 'warning',
  description:
    'Every namespaced resource of a source is in the namespace the source is for (the Namespace it renders, else the most common one), and references into other namespaces (ServiceAccount subjects of bindings, monitors\' namespaceSelector) name a namespace and one listed in options.allow; a source that sets no namespace at all is fine: the deployer (Flux targetNamespace, kubectl -n) decides. Cluster-scoped kinds are skipped.',
  fix: "Set the overlay's kustomization namespace (or the resource's metadata.namespace) to the source's namespace, or list the other namespace under allow in the configuration.",
  kinds: ['*'],
  equivalents: {},
  options: OPTIONS,
  check(context) {
    const expected = expectedNamespace(context.resources);
    if (expected === undefined) return [];
    const allowed = new Set(optionsOf(context.settings, 'namespace-consistency', OPTIONS).allow ?? []);
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      if (CLUSTER_SCOPED_KINDS.has(resource.object.kind)) continue;
      const namespace = namespaceOf(resource);
      if (namespace === expected || (namespace && allowed.has(namespace))) continue;
      violations.push({
        resource,
        path: namespace ? '/metadata/namespace' : '/metadata',
        message: namespace
          ? `${describe(resource)} is in namespace ${namespace}, but the source is for namespace ${expected}`
          : `${describe(resource)} sets no namespace while the source is for namespace ${expected}: it lands wherever the deployer points`,
      });
    }
    // A reference across namespaces is fine when it is deliberate: written out, and allowed in the configuration.
    for (const resource of context.resources) {
      for (const reference of namespaceReferences(resource)) {
        if (reference.namespace === expected || (reference.namespace && allowed.has(reference.namespace))) continue;
        violations.push({
          resource,
          path: reference.path,
          message: reference.namespace
            ? `${describe(resource)} ${reference.what} refers to namespace ${reference.namespace}, outside the source's namespace ${expected}, and it is not listed under allow`
            : `${describe(resource)} ${reference.what} names no namespace: say which one (the source's is ${expected})`,
        });
      }
    }
    return violations;
  },
};
