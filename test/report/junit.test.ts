import { terminalText } from '../../scripts/lib/report/escape.ts';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../scripts/lib/report/index.ts';
import { BUILT_IN_RULES } from '../../scripts/lib/report/rules.ts';
import { fixtureReport, NASTY_MESSAGE, RULES } from './fixture.ts';
import { findAll, parseXml, type XmlElement } from './xml-parser.ts';

const options = { color: false, quiet: false, rules: RULES };
const RULE_COUNT = BUILT_IN_RULES.length + RULES.length;

function testcase(suite: XmlElement, rule: string): XmlElement {
  const found = findAll(suite, 'testcase').find((c) => c.attributes.name === rule);
  if (!found) throw new Error(`no testcase ${rule} in ${suite.attributes.name}`);
  return found;
}

describe('junit report', () => {
  const xml = formatReport(fixtureReport(), 'junit', options);
  const root = parseXml(xml);
  const suites = findAll(root, 'testsuite');
  const [prod, dev] = suites;

  it('the test parser rejects what a real XML parser rejects', () => {
    expect(() => parseXml('<a>&</a>')).toThrow();
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="<"/>')).toThrow();
    expect(() => parseXml('<a>\u0007</a>')).toThrow();
  });

  it('is one <testsuites> with one <testsuite> per source, in the order they were checked', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(suites.map((s) => s.attributes.name)).toEqual(['overlays/prod', 'overlays/dev']);
    expect(prod.attributes.time).toBe('0.412');
    expect(findAll(prod, 'property')[0].attributes).toEqual({ name: 'resources', value: '7' });
  });

  it('has one test case per rule in every source, so the set of cases is the same on every run', () => {
    for (const suite of suites) {
      const names = findAll(suite, 'testcase').map((c) => c.attributes.name);
      expect(names).toHaveLength(RULE_COUNT);
      expect(names).toContain('run-as-non-root');
      expect(names).toContain('render');
      expect(suite.attributes.tests).toBe(String(RULE_COUNT));
      expect(findAll(suite, 'testcase').every((c) => c.attributes.classname === suite.attributes.name)).toBe(true);
    }
    expect(root.attributes.tests).toBe(String(2 * RULE_COUNT));
  });

  it('fails the case of a rule with errors, listing each finding with location, resource, path and fix', () => {
    const failure = findAll(testcase(prod, 'run-as-non-root'), 'failure');
    expect(failure).toHaveLength(1);
    expect(failure[0].attributes.message).toBe('1 error: container "gateway" may run as root');
    expect(failure[0].text).toBe(
      'apps/gateway/deployment.yaml:10:11 error Deployment openclaw/gateway spec.template.spec.containers[0]: ' +
        'container "gateway" may run as root\n  fix: Set securityContext.runAsNonRoot: true.',
    );
    expect(prod.attributes.failures).toBe('1');
    expect(root.attributes.failures).toBe('2');
  });

  it('reports a warning in <system-out> without failing the case', () => {
    const warned = testcase(prod, 'deprecated-api');
    expect(findAll(warned, 'failure')).toHaveLength(0);
    expect(findAll(warned, 'system-out')[0].text).toContain('apps/gateway/pdb.yaml:1:1 warning PodDisruptionBudget openclaw/gateway');
  });

  it('leaves clean cases empty', () => {
    expect(testcase(dev, 'run-as-non-root').children).toEqual([]);
  });

  it('escapes markup, quotes and line breaks so the message survives a parser unchanged, showing control characters', () => {
    const failure = findAll(testcase(dev, 'render'), 'failure')[0];
    const shown = NASTY_MESSAGE.replace('\u0007', '\\x07');
    expect(failure.attributes.message).toBe(`1 error: ${shown}`);
    // The body lists one finding per line, so there the line breaks are shown as escapes.
    expect(failure.text).toBe(`overlays/dev error: ${terminalText(NASTY_MESSAGE)}`);
    expect(failure.text).not.toMatch(/[\n\r\u0007]/);
  });

  it('escapes source and rule names used as attributes', () => {
    const report = fixtureReport();
    report.sources = [{ source: 'overlays/"a" & <b>', kind: 'kustomization', resources: 1, durationMs: 5 }];
    report.findings = [];
    const suite = findAll(parseXml(formatReport(report, 'junit', options)), 'testsuite')[0];
    expect(suite.attributes.name).toBe('overlays/"a" & <b>');
  });
});
