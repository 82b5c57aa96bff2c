// Builds a rule context from a fixture render, as the engine would for one source.
import { settingsForOptions } from '../../scripts/rules/config.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import type { Resource } from '../../scripts/lib/model.ts';
import { buildIndex } from '../../scripts/rules/resource-index.ts';
import type { Rule, RuleContext, Violation } from '../../scripts/rules/rule.ts';

const root = fileURLToPath(new URL('../fixtures/cross/', import.meta.url));

export function loadFixture(relative: string): Resource[] {
  const file = `test/fixtures/cross/${relative}`;
  const parsed = parseResources(readFileSync(root + relative, 'utf8'), { source: 'fixture', file });
  if (parsed.findings.length > 0) throw new Error(`fixture ${relative} does not parse: ${parsed.findings[0].message}`);
  return parsed.resources;
}

export function contextFor(resources: readonly Resource[], options: Record<string, Record<string, unknown>> = {}): RuleContext {
  return { source: 'fixture', resources, index: buildIndex(resources), settings: settingsForOptions(options) };
}

/** Runs one rule over `test/fixtures/cross/<rule id>/<name>.yaml`. */
export function check(rule: Rule, name: string, options: Record<string, Record<string, unknown>> = {}): Violation[] {
  return rule.check(contextFor(loadFixture(`${rule.id}/${name}.yaml`), options));
}

/** The severity a finding would get: the violation's override, else the rule's default. */
export function severityOf(rule: Pick<Rule, 'severity'>, violation: Violation): string {
  return violation.severity ?? rule.severity;
}

/** 'Kind name' of the resource a violation is reported on. */
export function reportedOn(violation: Violation): string {
  return `${violation.resource.object.kind} ${violation.resource.object.metadata?.name ?? ''}`;
}

/** Runs one rule over a fixture written for another rule: `<rule id>/<name>` under test/fixtures/cross. */
export function checkFixture(rule: Rule, relative: string, options: Record<string, Record<string, unknown>> = {}): Violation[] {
  return rule.check(contextFor(loadFixture(`${relative}.yaml`), options));
}
