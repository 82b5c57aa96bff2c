// Only what is a mistake wherever the render is applied: a binding subject that names the namespace of no
// ServiceAccount the render holds under that name (while it holds one elsewhere), and an object without
// namespace that a namespaced workload refers to by name. A resource merely "outside the source's namespace"
// is not reported: kube-system RoleBindings, monitors across namespaces, sources with several Namespaces and
// cluster-scoped custom resources are all correct (see docs/policies.md).
import type { Resource } from '../../lib/model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import type { Rule, RuleContext, Violation } from '../rule.ts';
import { configReferences } from './lib/references.ts';
import { listsName } from './lib/outside-render.ts';
import { describe, listAt, nameOf, namespaceOf, stringAt } from './lib/values.ts';

const OPTIONS = {
  allow: { type: 'strings', description: 'namespaces that binding subjects may name without a ServiceAccount of the render there' },
} as const satisfies OptionSpecs;

/** Binding subjects naming a ServiceAccount in a namespace where the render has none, though it has one elsewhere. */
function strayedSubjects(context: RuleContext, allowed: ReadonlySet<string>): Violation[] {
  const accounts = new Map<string, Array<string | undefined>>();
  for (const account of context.index.byKind('ServiceAccount')) {
    accounts.set(nameOf(account), [...(accounts.get(nameOf(account)) ?? []), namespaceOf(account)]);
  }
  const out: Violation[] = [];
  for (const binding of [...context.index.byKind('RoleBinding'), ...context.index.byKind('ClusterRoleBinding')]) {
    listAt(binding.object, 'subjects').forEach((subject, s) => {
      const name = stringAt(subject, 'name');
      if (stringAt(subject, 'kind') !== 'ServiceAccount' || !name) return;
      // RBAC reads a RoleBinding subject without namespace as the binding's own namespace.
      const namespace = stringAt(subject, 'namespace') ?? (binding.object.kind === 'RoleBinding' ? namespaceOf(binding) : undefined);
      const found = accounts.get(name);
      if (!namespace || !found || found.includes(namespace) || allowed.has(namespace)) return;
      if (listsName(context.settings.external.serviceAccounts, name, namespace)) return;
      out.push({
        resource: binding,
        path: stringAt(subject, 'namespace') ? `/subjects/${s}/namespace` : `/subjects/${s}`,
        message: `${describe(binding)} subject ServiceAccount ${namespace}/${name} is not in the render, which has ServiceAccount ${found.map((ns) => `${ns ?? '(no namespace)'}/${name}`).join(', ')}: the binding grants nothing to that one (if ${namespace}/${name} exists outside the render, list it under external.serviceAccounts)`,
      });
    });
  }
  return out;
}

/** Objects without namespace that a workload with an explicit namespace refers to by name. */
function unplacedReferences(context: RuleContext): Violation[] {
  const out: Violation[] = [];
  const reported = new Set<Resource>();
  const references = [
    ...configReferences(context).map((ref) => ({ workload: ref.workload, kind: ref.kind as string, name: ref.name })),
    ...context.index.workloads.flatMap((workload) => {
      const name = stringAt(workload.template.spec, 'serviceAccountName') ?? stringAt(workload.template.spec, 'serviceAccount');
      return name ? [{ workload, kind: 'ServiceAccount', name }] : [];
    }),
  ];
  for (const { workload, kind, name } of references) {
    if (!workload.namespace || context.index.find(kind, name, workload.namespace)) continue;
    const unplaced = context.index.find(kind, name, undefined);
    if (!unplaced || reported.has(unplaced)) continue;
    reported.add(unplaced);
    out.push({
      resource: unplaced,
      path: '/metadata',
      message: `${describe(unplaced)} sets no namespace, but ${describe(workload.resource)} refers to it from namespace ${workload.namespace}: applied to any other namespace, the reference breaks`,
    });
  }
  return out;
}

export const namespaceConsistency: Rule = {
  id: 'namespace-consistency',
  severity: 'warning',
  description:
    "Namespaces that cannot line up wherever the render is applied: a RoleBinding or ClusterRoleBinding subject names a ServiceAccount in a namespace where the render has none of that name while it has one in another (not reported for namespaces under options.allow or ServiceAccounts under external.serviceAccounts), and an object without namespace is referred to by a workload that sets one. Resources in other namespaces than the rest (kube-system RoleBindings, monitors, several Namespaces, cluster-scoped custom resources) are not mistakes and are not reported.",
  fix: 'Set the subject namespace to that of the ServiceAccount it means, and give a referenced object the namespace of the workload that refers to it (metadata.namespace or the kustomization namespace).',
  kinds: ['*'],
  equivalents: {},
  options: OPTIONS,
  check(context) {
    const allowed = new Set(optionsOf(context.settings, 'namespace-consistency', OPTIONS).allow ?? []);
    return [...strayedSubjects(context, allowed), ...unplacedReferences(context)];
  },
};
