// The CLI's view of the rule registry: the check it adds to the pipeline and the listings it prints.
import type { SourceCheck } from '../pipeline.ts';
import { rules } from '../../rules/registry.ts';
import type { RuleInfo } from '../report/index.ts';

export function policyCheck(_configPath: string | undefined, _root: string): SourceCheck {
  return () => [];
}

export function ruleDescriptions(): RuleInfo[] {
  return rules.map(({ id, description, fix, severity }) => ({ id, description, fix, severity }));
}

export function ruleListing(): string {
  return rules.map((rule) => `${rule.id}\t${rule.severity}\t${rule.description}\n`).join('');
}
