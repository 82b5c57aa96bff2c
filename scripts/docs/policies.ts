// Regenerates the rule table in docs/policies.md from the registry; the prose around it is kept as written.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configurableOf, profileOf } from '../lib/rule-meta.ts';
import { expected } from '../rules/options.ts';
import { catalogue, type CatalogueEntry } from '../rules/registry.ts';

export const DOC_FILE = 'docs/policies.md';
export const BEGIN_MARKER = '<!-- BEGIN GENERATED RULES: edit the rules and run `npm run docs`, not this table -->';
export const END_MARKER = '<!-- END GENERATED RULES -->';

type DocumentedRule = Pick<CatalogueEntry, 'id' | 'severity' | 'kinds' | 'description' | 'fix' | 'equivalents' | 'mirrors' | 'options' | 'stage' | 'configurable' | 'profile'>;

/** Where the check runs, and what the configuration may not change about it. */
function stageCell(rule: DocumentedRule): string {
  const configurable = configurableOf(rule);
  const limit = configurable === 'none' ? ' (not configurable)' : configurable === 'severity' ? ' (never off)' : '';
  return `${rule.stage}${limit}`;
}

/** The generated part of docs/policies.md: one table of the whole catalogue. */
export function renderPoliciesDoc(ruleList: readonly DocumentedRule[]): string {
  const header = '| Rule | Stage | Profile | Severity | Kinds | Description | Fix | kube-linter | Polaris | kube-score | Options |';
  const divider = '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const rows = ruleList.map((rule) =>
    row([
      `\`${rule.id}\``,
      stageCell(rule),
      profileOf(rule),
      rule.severity,
      rule.kinds.join(', '),
      describeRule(rule),
      rule.fix,
      rule.equivalents?.kubeLinter ?? '',
      rule.equivalents?.polaris ?? '',
      rule.equivalents?.kubeScore ?? '',
      Object.entries(rule.options ?? {})
        .map(([key, spec]) => `\`${key}\` (${expected(spec)}): ${spec.description}`)
        .join('; '),
    ]),
  );
  return [
    BEGIN_MARKER,
    '',
    `${ruleList.length} rules. Stage: \`built-in\` checks run on every resource before the rules, \`source\` rules on the resources of one source, \`repository\` rules on every source at once, \`exemption\` findings are about exemption annotations. Profile: the lowest \`--profile\` (or \`profile:\`) that runs the check; each of \`schema\`, \`baseline\`, \`restricted\`, \`all\` holds the ones before it ([Profiles](#profiles)).`,
    '',
    header,
    divider,
    ...rows,
    '',
    END_MARKER,
  ].join('\n');
}

/** The description, and for checks of what the API server rejects, the Kubernetes validation they mirror. */
function describeRule(rule: DocumentedRule): string {
  return rule.mirrors ? `${rule.description} Mirrors ${rule.mirrors}.` : rule.description;
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
  writeFileSync(DOC_FILE, spliceGenerated(document, renderPoliciesDoc(catalogue)));
  console.log(`${DOC_FILE}: ${catalogue.length} rules`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
