import type { Rule } from '../rule.ts';
import { WORKLOAD_KINDS } from './lib/containers.ts';
import { envValueViolations } from './lib/env-values.ts';
import { namesSecret, SECRET_NAME_KINDS } from './lib/secret-names.ts';
import { namespaceOf } from '../cross/lib/values.ts';

/** *_TOKEN, *_KEY, *PASSWORD*, *SECRET*, in any case. */
export const SECRET_NAME = /(_TOKEN$|_KEY$|PASSWORD|SECRET)/i;
/** Names that say the value is a credential itself: its equal to a Secret's name is a weak secret, not a reference. */
const CREDENTIAL_NAME = /(_TOKEN$|_KEY$|PASSWORD)/i;

export const secretInEnv: Rule = {
  id: 'secret-in-env',
  severity: 'error',
  description:
    'No environment variable whose name looks like a secret (*_TOKEN, *_KEY, *PASSWORD*, *SECRET*) has a literal value, unless it is a *SECRET* variable (not a password, token or key) whose value is the name of a Secret of its namespace (held, mounted or read by a workload, made by an ExternalSecret, SealedSecret or Certificate, or listed under external.secrets).',
  fix: 'Move the value to a Secret and use valueFrom.secretKeyRef (or envFrom.secretRef); if it is the name of a Secret made outside the render, list that Secret under external.secrets.',
  // The Secrets and their makers too: a value that names one is a reference, not a secret.
  kinds: [...WORKLOAD_KINDS, ...SECRET_NAME_KINDS],
  equivalents: { kubeLinter: 'env-var-secret (partial)', polaris: 'sensitiveContainerEnvVar' },
  check: (context) =>
    envValueViolations(context, ({ name, value }, ref) => {
      if (typeof name !== 'string' || !SECRET_NAME.test(name) || value === '') return undefined;
      if (!CREDENTIAL_NAME.test(name) && namesSecret(context, value, namespaceOf(ref.template.resource))) return undefined;
      return `${name} is set to a literal value in the manifest`;
    }),
};
