import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSection, renderPoliciesDoc, spliceGenerated } from '../../scripts/docs/policies.ts';
import { formatRuleList } from '../../scripts/rules/list.ts';
import { catalogue as rules } from '../../scripts/rules/registry.ts';

describe('docs/policies.md', () => {
  it('is up to date with the catalogue (run `npm run docs`)', () => {
    const document = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'policies.md'), 'utf8');
    expect(generatedSection(document)).toBe(renderPoliciesDoc(rules));
  });

  it('has one row per rule with its id, severity, kinds, fix and equivalents', () => {
    const section = renderPoliciesDoc([
      {
        id: 'a-rule',
        stage: 'source',
        severity: 'warning',
        kinds: ['Pod', 'Job'],
        description: 'Checks a | b.',
        fix: 'Do c.',
        equivalents: { kubeLinter: 'kl', polaris: 'pol', kubeScore: 'ks' },
        options: { strict: { type: 'boolean', description: 'fail more' }, names: { type: 'strings', description: 'allowed names' } },
      },
    ]);
    expect(section).toContain('| `a-rule` | source | all | warning | Pod, Job | Checks a \\| b. | Do c. | kl | pol | ks | `strict` (true or false): fail more; `names` (a list of strings): allowed names |');
  });

  it('lists every built-in check and what the configuration may not change', () => {
    const section = renderPoliciesDoc(rules);
    expect(section).toMatch(/^\| `schema` \| built-in \| schema \| error \|/m);
    expect(section).toMatch(/^\| `render` \| built-in \(never off\) \| schema \| error \|/m);
    expect(section).toMatch(/^\| `input` \| built-in \(not configurable\) \| schema \| error \|/m);
    expect(section).toMatch(/^\| `exemption-reason` \| exemption \| schema \| error \|/m);
  });

  it('replaces only the generated part', () => {
    const document = `intro\n${renderPoliciesDoc([])}\noutro\n`;
    const updated = spliceGenerated(document, renderPoliciesDoc(rules));
    expect(updated.startsWith('intro\n')).toBe(true);
    expect(updated.endsWith('\noutro\n')).toBe(true);
    expect(generatedSection(updated)).toBe(renderPoliciesDoc(rules));
  });
});

describe('--list-rules', () => {
  it('prints id, severity, lowest profile and description in columns', () => {
    const text = formatRuleList([
      { id: 'short', severity: 'error', description: 'One.', profile: 'baseline' },
      { id: 'a-longer-id', severity: 'warning', description: 'Two.' },
    ]);
    expect(text).toBe(
      ['RULE         SEVERITY  PROFILE   DESCRIPTION', 'short        error     baseline  One.', 'a-longer-id  warning   all       Two.', ''].join('\n'),
    );
  });
});
