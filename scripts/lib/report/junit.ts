// JUnit XML for CI test-report views (GitLab merge-request widget, Jenkins JUnit plugin).
//
// Shape: one <testsuite> per source, one <testcase> per (source, rule), every known rule in every source.
// Why per rule rather than per resource: the report does not list clean resources, so per-resource test cases
// would exist only while a resource fails; a fixed resource would silently vanish instead of turning green.
// With one case per rule the set of case names is the same on every run, so GitLab can say "1 fixed, 2 new
// failures" against the target branch and Jenkins can chart each rule's history. The failure body lists
// every resource that broke the rule, one finding per line, which is what someone fixing it needs.
//
// Severity: errors fail the case (<failure>); warnings do not fail the build, so they go to the case's
// <system-out>, where both GitLab and Jenkins show them, rather than as <skipped> (which would claim the
// rule did not run).
import { describeRef, humanPath, type Finding, type Report } from '../model.ts';
import { plural } from './counts.ts';
import { displayLocation } from './location.ts';
import type { ReportOptions } from './options.ts';
import { ruleCatalog } from './rules.ts';
import { sortFindings } from './sort.ts';
import { terminalText } from './escape.ts';
import { attributes, escapeXmlText } from './xml.ts';

interface Suite {
  name: string;
  resources: number | undefined;
  durationMs: number | undefined;
  findings: Finding[];
}

export function formatJunit(report: Report, options: ReportOptions): string {
  const findings = sortFindings(report.findings);
  const ruleIds = ruleCatalog(options.rules, findings).map((rule) => rule.id);
  const suites = suitesOf(report, findings);

  const bodies: string[] = [];
  let tests = 0;
  let failures = 0;
  let seconds = 0;
  for (const suite of suites) {
    const cases = ruleIds.map((rule) => testCase(suite.name, rule, suite.findings.filter((f) => f.rule === rule)));
    const suiteFailures = cases.filter((c) => c.failed).length;
    const time = suite.durationMs === undefined ? undefined : toSeconds(suite.durationMs);
    tests += cases.length;
    failures += suiteFailures;
    seconds += suite.durationMs ?? 0;
    const properties =
      suite.resources === undefined
        ? ''
        : `    <properties>\n      <property${attributes([['name', 'resources'], ['value', suite.resources]])}/>\n    </properties>\n`;
    bodies.push(
      `  <testsuite${attributes([
        ['name', suite.name],
        ['tests', cases.length],
        ['failures', suiteFailures],
        ['errors', 0],
        ['skipped', 0],
        ['time', time],
      ])}>\n` +
        properties +
        cases.map((c) => c.xml).join('') +
        '  </testsuite>\n',
    );
  }

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attributes([
      ['name', 'openclaw-validate'],
      ['tests', tests],
      ['failures', failures],
      ['errors', 0],
      ['skipped', 0],
      ['time', toSeconds(seconds)],
    ])}>\n` +
    bodies.join('') +
    '</testsuites>\n'
  );
}

/** Sources in the order the CLI checked them, then any source that only appears in findings. */
function suitesOf(report: Report, findings: readonly Finding[]): Suite[] {
  const suites = new Map<string, Suite>();
  for (const result of report.sources) {
    suites.set(result.source, { name: result.source, resources: result.resources, durationMs: result.durationMs, findings: [] });
  }
  for (const finding of findings) {
    let suite = suites.get(finding.source);
    if (!suite) {
      suite = { name: finding.source, resources: undefined, durationMs: undefined, findings: [] };
      suites.set(finding.source, suite);
    }
    suite.findings.push(finding);
  }
  return [...suites.values()];
}

function testCase(source: string, rule: string, findings: readonly Finding[]): { xml: string; failed: boolean } {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const open = `    <testcase${attributes([['classname', source], ['name', rule]])}`;
  if (findings.length === 0) return { xml: `${open}/>\n`, failed: false };

  let inner = '';
  const [firstError] = errors;
  if (firstError) {
    const message = `${plural(errors.length, 'error')}: ${firstError.message}`;
    inner += `      <failure${attributes([['message', message], ['type', rule]])}>${escapeXmlText(errors.map(findingText).join('\n'))}</failure>\n`;
  }
  if (warnings.length > 0) {
    inner += `      <system-out>${escapeXmlText(warnings.map(findingText).join('\n'))}</system-out>\n`;
  }
  return { xml: `${open}>\n${inner}    </testcase>\n`, failed: errors.length > 0 };
}

/** One finding as a line of the failure body: where, what resource, what field, what is wrong, how to fix it. */
function findingText(finding: Finding): string {
  const parts = [displayLocation(finding), finding.severity];
  if (finding.resource) parts.push(describeRef(finding.resource));
  if (finding.path) parts.push(humanPath(finding.path));
  // One line per finding (a CI page shows the body as text): quoted line breaks are shown as `\n`.
  let line = terminalText(`${parts.join(' ')}: ${finding.message}`);
  if (finding.fix) line += `\n  fix: ${terminalText(finding.fix)}`;
  return line;
}

function toSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
