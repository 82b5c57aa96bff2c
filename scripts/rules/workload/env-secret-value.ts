import type { Rule } from '../rule.ts';
import { POD_SECURITY_KINDS } from './lib/containers.ts';
import { envValueViolations } from './lib/env-values.ts';

// Values that are credentials whatever the variable is called: secret-in-env looks at names, this at values.
// Each pattern is a format its issuer documents (a fixed prefix and length), so a match is rarely an accident.
const SECRET_VALUES: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'a Stripe secret key', pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}\b/ },
  { what: 'an OpenAI or Anthropic API key', pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}\b/ },
  { what: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
];

export const envSecretValue: Rule = {
  id: 'env-secret-value',
  severity: 'error',
  description: 'No environment variable value is a credential: a private key, or a token in a format its issuer documents (AWS, GitHub, GitLab, Slack, Google, Stripe, OpenAI/Anthropic, JWT).',
  fix: 'Revoke the credential, move it to a Secret (or an ExternalSecret) and read it with valueFrom.secretKeyRef.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'env-var-secret (partial: names)', polaris: 'sensitiveContainerEnvVar (partial: names)' },
  check: (context) =>
    envValueViolations(context, ({ name, value }) => {
      const found = SECRET_VALUES.find(({ pattern }) => pattern.test(value));
      // The message names the variable and the kind of credential, never the value.
      return found && `${String(name)} holds ${found.what} in the manifest`;
    }),
};
