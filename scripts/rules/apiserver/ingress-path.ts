// Ingress HTTP paths as the API server validates them. Mirrors k8s.io/kubernetes pkg/apis/networking/validation
// validateHTTPIngressPath: for pathType Exact and Prefix the path is absolute and holds none of '//', '/./',
// '/../', '%2f', '%2F' nor ends in '/..' or '/.'; for ImplementationSpecific a non-empty path is absolute.
import { isRecord, pointer } from '../../lib/model.ts';
import { listAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';
import { leftToSubstitution } from './lib/syntax.ts';

const FORBIDDEN_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const FORBIDDEN_ENDINGS = ['/..', '/.'];

export const ingressPath: Rule = {
  id: 'ingress-path',
  severity: 'error',
  description:
    "An Ingress path of pathType Exact or Prefix starts with '/' and holds no '//', '/./', '/../' or encoded slash ('%2f') nor ends in '/.' or '/..'; an ImplementationSpecific path is empty or starts with '/'.",
  fix: "Write the path as an absolute, normalised URL path (e.g. /api, not api or /api/../v1); a regular expression belongs under pathType ImplementationSpecific with a leading '/'.",
  kinds: ['Ingress'],
  mirrors: '`validateHTTPIngressPath` (pkg/apis/networking/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      listAt(resource.object, 'spec', 'rules').forEach((rule, ruleIndex) => {
        listAt(rule, 'http', 'paths').forEach((entry, pathIndex) => {
          if (!isRecord(entry)) return;
          const path = typeof entry.path === 'string' ? entry.path : '';
          if (leftToSubstitution(path)) return;
          const at = pointer('spec', 'rules', ruleIndex, 'http', 'paths', pathIndex, 'path');
          const say = (problem: string) => violations.push(violation(resource, at, `path "${path}" (pathType ${String(entry.pathType)}) ${problem}`));
          if (entry.pathType === 'Exact' || entry.pathType === 'Prefix') {
            if (!path.startsWith('/')) say("must be an absolute path starting with '/'");
            for (const sequence of FORBIDDEN_SEQUENCES) if (path.includes(sequence)) say(`must not contain '${sequence}'`);
            for (const ending of FORBIDDEN_ENDINGS) if (path.endsWith(ending)) say(`must not end with '${ending}'`);
          } else if (entry.pathType === 'ImplementationSpecific' && path !== '' && !path.startsWith('/')) {
            say("must be empty or an absolute path starting with '/'");
          }
        });
      });
    }
    return violations;
  },
};
