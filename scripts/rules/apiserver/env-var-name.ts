// Environment variable names (env[].name) and envFrom prefixes as the API server validates them. Mirrors
// k8s.io/kubernetes pkg/apis/core/validation ValidateEnv and ValidateEnvFrom, which call apimachinery's
// IsEnvVarName or, with the RelaxedEnvironmentVariableValidation feature (beta and on by default from 1.32,
// GA from 1.34), IsRelaxedEnvVarName. Strict: letters, digits, '-', '.', '_', not starting with a digit, and not
// '.', '..' nor starting with '..'. Relaxed: any printable ASCII character but '='.
import type { Rule, Violation } from '../rule.ts';
import { POD_SPEC_KINDS, violation } from './lib/common.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';
import { containerEntries, describeContainer, podSpecs } from './lib/pod-specs.ts';
import { leftToSubstitution } from './lib/syntax.ts';
import { isRecord, listAt } from '../lib/read.ts';

const STRICT = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function strictProblems(value: string): string[] {
  const problems = STRICT.test(value) ? [] : ["must hold only letters, digits, '-', '.' and '_', and not start with a digit"];
  if (value === '.' || value === '..') problems.push(`must not be '${value}'`);
  else if (value.startsWith('..')) problems.push("must not start with '..'");
  return problems;
}

function relaxedProblems(value: string): string[] {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e || char === '=') return ["must hold only printable ASCII characters other than '='"];
  }
  return [];
}

export const envVarName: Rule = {
  id: 'env-var-name',
  severity: 'error',
  description:
    "Every env name and envFrom prefix is one the target version accepts: from 1.32 any printable ASCII but '=' (not empty); before, letters, digits, '-', '.' and '_', not starting with a digit.",
  fix: "Rename the variable (or the envFrom prefix) to letters, digits and '_', starting with a letter or '_', the form every version and every shell accepts.",
  kinds: POD_SPEC_KINDS,
  mirrors: '`ValidateEnv`, `ValidateEnvFrom` (pkg/apis/core/validation) with `IsEnvVarName` / `IsRelaxedEnvVarName` (apimachinery pkg/util/validation)',
  check(context) {
    const relaxed = targetsAtLeast(context, '1.32');
    const problemsOf = relaxed ? relaxedProblems : strictProblems;
    const rules = relaxed ? 'from Kubernetes 1.32' : 'before Kubernetes 1.32';
    const violations: Violation[] = [];
    for (const pod of podSpecs(context.resources)) {
      for (const entry of containerEntries(pod)) {
        const say = (path: string, message: string) => violations.push(violation(pod.resource, `${entry.path}${path}`, `${describeContainer(entry)}: ${message}`, { container: entry.name }));
        listAt(entry.container, 'env').forEach((env, index) => {
          if (!isRecord(env) || typeof env.name !== 'string' || leftToSubstitution(env.name)) return;
          if (env.name === '') return say(`/env/${index}/name`, `env[${index}] has an empty name`);
          for (const reason of problemsOf(env.name)) say(`/env/${index}/name`, `env name "${env.name}" ${reason} (${rules})`);
        });
        listAt(entry.container, 'envFrom').forEach((source, index) => {
          if (!isRecord(source) || typeof source.prefix !== 'string' || source.prefix === '' || leftToSubstitution(source.prefix)) return;
          for (const reason of problemsOf(source.prefix)) say(`/envFrom/${index}/prefix`, `envFrom prefix "${source.prefix}" ${reason} (${rules})`);
        });
      }
    }
    return violations;
  },
};
