// The names of the Secrets a namespace has, as far as the render shows them: a variable whose literal value is
// one of them holds a reference to a Secret (which Secret to write or read), not a secret.
import type { RuleContext } from '../../rule.ts';
import { configReferences, isDeclaredExternal, placedByApply, secretProducer } from '../../cross/lib/references.ts';
import { WORKLOAD_KINDS } from './containers.ts';

/** A Kubernetes object name (RFC 1123 subdomain): what a Secret's name must be. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The kinds a rule must read for `namesSecret` to see every Secret and every maker of one. */
export const SECRET_NAME_KINDS = ['Secret', 'ExternalSecret', 'SealedSecret', 'Certificate'] as const;

/**
 * Whether `value` names a Secret of `namespace`: one the render holds, one a workload there mounts or reads
 * (volume, envFrom, secretKeyRef), one an ExternalSecret, SealedSecret or cert-manager Certificate makes, or one
 * listed under external.secrets. A Job that merely names it does not count: two Jobs with the same literal
 * secret would otherwise vouch for each other.
 */
export function namesSecret(context: RuleContext, value: string, namespace: string | undefined): boolean {
  if (value.length > 253 || !OBJECT_NAME.test(value)) return false;
  const { index, settings } = context;
  if (referencedSecrets(context).has(`${namespace ?? ''}\u0000${value}`)) return true;
  if (index.find('Secret', value, namespace) !== undefined || placedByApply(index, 'Secret', value, namespace)) return true;
  if (isDeclaredExternal(settings, 'Secret', value, namespace)) return true;
  const producer = secretProducer(index, value, namespace);
  return producer !== undefined && !(WORKLOAD_KINDS as readonly string[]).includes(producer.object.kind);
}

/** `namespace\0name` of every Secret a workload refers to, once per index. */
function referencedSecrets(context: RuleContext): ReadonlySet<string> {
  return context.index.memo('referenced-secret-names', () => {
    const names = new Set<string>();
    for (const reference of configReferences(context)) {
      if (reference.kind === 'Secret') names.add(`${reference.workload.namespace ?? ''}\u0000${reference.name}`);
    }
    return names;
  });
}
