import type { Rule, Violation } from '../rule.ts';
import { isRecord } from '../lib/read.ts';

// SOPS leaves its ciphertext in the values (ENC[AES256_GCM,…]); the parser drops the `sops` envelope,
// so the values are what tells an encrypted Secret from a plaintext one.
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,/;

export const plaintextSecret: Rule = {
  id: 'plaintext-secret',
  severity: 'error',
  description: 'A source configured as production contains no Secret with plaintext data or stringData.',
  fix: 'Deliver the Secret through an ExternalSecret (or SOPS), not as a manifest in the repository.',
  kinds: ['Secret'],
  check: (context) => {
    if (!context.settings.production) return [];
    const violations: Violation[] = [];
    for (const resource of context.index.byKind('Secret')) {
      for (const field of ['data', 'stringData'] as const) {
        const values = resource.object[field];
        if (!isRecord(values)) continue;
        const plain = Object.entries(values).filter(([, value]) => !(typeof value === 'string' && SOPS_VALUE.test(value)));
        if (plain.length === 0) continue;
        violations.push({
          resource,
          path: `/${field}`,
          message: `Secret "${resource.object.metadata?.name ?? ''}" carries ${field} (${plain.map(([key]) => key).join(', ')}) in a production source`,
        });
      }
    }
    return violations;
  },
};
