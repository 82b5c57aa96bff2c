// Regenerates the rule table in docs/policies.md from the registry; the prose around it is kept as written.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_RULES } from '../rules/exemptions.ts';
import { allRules } from '../rules/registry.ts';
import type { Rule } from '../rules/rule.ts';

export const DOC_FILE = 'docs/policies.md';
export const BEGIN_MARKER = '<!-- BEGIN GENERATED RULES: edit the rules and run `npm run docs`, not this table -->';
export const END_MARKER = '<!-- END GENERATED RULES -->';

type DocumentedRule = Pick<Rule, 'id' | 'severity' | 'kinds' | 'description' | 'fix' | 'equivalents' | 'options'>;

/** The generated part of docs/policies.md: the rule table, then the findings the engine makes itself. */
export function renderPoliciesDoc(ruleList: readonly DocumentedRule[]): string {
  const header = '| Rule | Severity | Kinds | Description | Fix | kube-linter | Polaris | Options |';
  const divider = '| --- | --- | --- | --- | --- | --- | --- | --- |';
  const rows = ruleList.map((rule) =>
    row([
      `\`${rule.id}\``,
      rule.severity,
      rule.kinds.join(', '),
      rule.description,
      rule.fix,
      rule.equivalents?.kubeLinter ?? '',
      rule.equivalents?.polaris ?? '',
      Object.entries(rule.options ?? {})
        .map(([key, meaning]) => `\`${key}\`: ${meaning}`)
        .join('; '),
    ]),
  );
  const engineRows = Object.entries(ENGINE_RULES).map(([id, rule]) => row([`\`${id}\``, rule.severity, rule.description, rule.fix]));
  return [
    BEGIN_MARKER,
    '',
    `${ruleList.length} rules.`,
    '',
    header,
    divider,
    ...rows,
    '',
    'Findings about exemption annotations (configurable like rules):',
    '',
    '| Rule | Severity | Description | Fix |',
    '| --- | --- | --- | --- |',
    ...engineRows,
    '',
    END_MARKER,
  ].join('\n');
}

function row(cells: string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
}

/** The generated section as it stands in the document, or undefined when the markers are missing. */
export function generatedSection(document: string): string | undefined {
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin === -1 || end === -1 || end < begin) return undefined;
  return document.slice(begin, end + END_MARKER.length);
}

export function spliceGenerated(document: string, section: string): string {
  const current = generatedSection(document);
  if (current === undefined) throw new Error(`${DOC_FILE}: the markers ${BEGIN_MARKER} and ${END_MARKER} are missing`);
  return document.replace(current, () => section);
}

function main(): void {
  const document = readFileSync(DOC_FILE, 'utf8');
  writeFileSync(DOC_FILE, spliceGenerated(document, renderPoliciesDoc(allRules)));
  console.log(`${DOC_FILE}: ${allRules.length} rules`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
