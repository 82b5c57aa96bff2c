// Object names (and generateName prefixes, and namespaces) in the syntax the API server requires of each kind.
// Mirrors k8s.io/kubernetes pkg/apis/core/validation ValidateObjectMeta with each kind's name function
// (lib/name-validators.ts), ValidateNamespaceName for metadata.namespace, ValidateCronJobCreate's 52-character
// limit, the Job name that becomes a label value (generateSelector + ValidateLabels), and the warnings of
// pkg/registry (WarningsOnCreate) for workload names that are not DNS labels.
import type { Resource } from '../../lib/model.ts';
import { valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';
import { HOSTNAME_KINDS, NAME_LIMITS, nameValidatorOf } from './lib/name-validators.ts';
import { dns1123Label, leftToSubstitution } from './lib/syntax.ts';

export const objectName: Rule = {
  id: 'object-name',
  severity: 'error',
  description:
    'Every object has a name (or generateName) valid for its kind: a DNS-1123 subdomain for most kinds, a DNS-1123 label for Namespace and StatefulSet, a DNS-1035 label (starting with a letter) for Service, a path segment for RBAC objects; Job names at most 63 and CronJob names at most 52 characters; metadata.namespace a DNS-1123 label. Pod-creating workloads whose names are not DNS labels get a warning, as the API server gives.',
  fix: 'Rename the object to lower-case letters, digits and \'-\' (a namePrefix/nameSuffix in the overlay may be what made it too long or invalid).',
  kinds: ['*'],
  mirrors:
    '`ValidateObjectMeta` with the kind\'s name function (`NameIsDNSSubdomain`, `NameIsDNSLabel`, `NameIsDNS1035Label`, `ValidatePathSegmentName`), `ValidateNamespaceName` (pkg/apis/core/validation) and `ValidateCronJobCreate` (pkg/apis/batch/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      // Kustomize's own configuration (Kustomization, Component) is read by kustomize, never sent to an API server.
      if (String(resource.object.apiVersion).startsWith('kustomize.config.k8s.io/')) continue;
      checkName(resource, violations);
    }
    return violations;
  },
};

function checkName(resource: Resource, out: Violation[]): void {
  const { kind } = resource.object;
  const name = valueAt(resource.object, 'metadata', 'name');
  const generateName = valueAt(resource.object, 'metadata', 'generateName');
  const validator = nameValidatorOf(kind);
  if (typeof name === 'string' && name !== '' && !leftToSubstitution(name)) {
    for (const reason of validator.check(name)) out.push(violation(resource, '/metadata/name', `name ${reason}`));
    const limit = nameLimit(resource);
    if (limit !== undefined && name.length > limit) {
      out.push(violation(resource, '/metadata/name', `a ${kind} name must be no more than ${limit} characters (has ${name.length})`));
    }
    if (HOSTNAME_KINDS.has(kind) && validator.check(name).length === 0 && dns1123Label(name).length > 0) {
      out.push(
        violation(resource, '/metadata/name', `the name is used in pod names and hostnames; the API server warns that a DNS label is recommended`, {
          severity: 'warning',
        }),
      );
    }
  } else if (typeof generateName === 'string' && generateName !== '') {
    // A prefix may end in '-': the API server appends five random characters before it validates the name.
    const prefix = generateName.replace(/-+$/, '') || 'a';
    for (const reason of validator.check(prefix)) out.push(violation(resource, '/metadata/generateName', `generateName ${reason}`));
  } else if (name === undefined && generateName === undefined) {
    out.push(violation(resource, '/metadata', `neither metadata.name nor metadata.generateName is set; the API server requires one`));
  }
  const namespace = valueAt(resource.object, 'metadata', 'namespace');
  if (typeof namespace === 'string' && namespace !== '') {
    for (const reason of dns1123Label(namespace)) out.push(violation(resource, '/metadata/namespace', `namespace ${reason}`));
  }
}

/** A Job with an API-generated selector gets a label whose value is its name; with manualSelector it does not. */
function nameLimit(resource: Resource): number | undefined {
  if (resource.object.kind === 'Job' && valueAt(resource.object, 'spec', 'manualSelector') === true) return undefined;
  return NAME_LIMITS[resource.object.kind];
}
