import type { Rule } from '../rule.ts';
import { POD_SECURITY_KINDS, securityContextViolations, type SecurityContextProblem } from './lib/containers.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';
import { isRecord } from '../lib/read.ts';

// PSS baseline (check_seLinuxOptions.go): seLinuxOptions.type only from an allow-list, which gained
// container_engine_t at policy version 1.31; user and role must stay empty. Pod and every container.
const TYPES_1_0 = ['container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

function problems(securityContext: Record<string, unknown>, allowed: ReadonlySet<string>): SecurityContextProblem[] {
  const options = securityContext.seLinuxOptions;
  if (!isRecord(options)) return [];
  const out: SecurityContextProblem[] = [];
  const type = options.type;
  if (type !== undefined && type !== '' && !allowed.has(String(type))) out.push({ path: '/seLinuxOptions/type', message: `uses SELinux type ${String(type)}, which is not allowed` });
  for (const field of ['user', 'role'] as const) {
    const value = options[field];
    if (value !== undefined && value !== '') out.push({ path: `/seLinuxOptions/${field}`, message: `sets SELinux ${field} ${String(value)}` });
  }
  return out;
}

export const selinuxOptions: Rule = {
  id: 'selinux-options',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: `seLinuxOptions set no user or role, and a type only from ${TYPES_1_31.join(', ')} (container_engine_t from Kubernetes 1.31) (PSS baseline).`,
  fix: 'Remove seLinuxOptions.user and .role, and set type only to container_t (or another type the list allows) or leave it unset.',
  kinds: POD_SECURITY_KINDS,
  check: (context) => {
    const allowed = new Set(targetsAtLeast(context, '1.31') ? TYPES_1_31 : TYPES_1_0);
    return context.index.podTemplates.flatMap((template) => securityContextViolations(template, (securityContext) => problems(securityContext, allowed)));
  },
};
