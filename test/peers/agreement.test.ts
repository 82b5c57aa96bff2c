// Agreement with kube-linter, kube-score, Polaris and pod-security-admission on cases in the shape of their
// public test data: our rules must give each case the verdict its header states; where that is not the peer's
// verdict, the header says why, and docs/policies.md lists it in the generated agreement section.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementSection, spliceAgreement } from './agreement-doc.ts';
import { loadPeerCases, ourVerdict, PEERS } from './cases.ts';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'policies.md');
const cases = loadPeerCases();

describe('peer agreement', () => {
  for (const item of cases) {
    it(`${item.peer} ${item.check}: ${item.file.split('/').pop()} ${item.expected}s`, () => {
      const { verdict, findings } = ourVerdict(item);
      expect(verdict, findings.join('\n')).toBe(item.expected);
      if (item.expected === item.peerVerdict) expect(item.difference, 'a difference only where the verdicts differ').toBeUndefined();
      else expect(item.difference ?? '', 'a deliberate difference says why').toMatch(/\w{3,}.*\w{3,}/);
    });
  }

  it('maps cases of every peer, each check with a case that fails and one that passes', () => {
    for (const peer of PEERS) {
      const mine = cases.filter((item) => item.peer === peer);
      expect(mine.length, peer).toBeGreaterThan(0);
      for (const check of new Set(mine.map((item) => item.check))) {
        const verdicts = new Set(mine.filter((item) => item.check === check).map((item) => item.peerVerdict));
        if (peer !== 'pod-security-admission') expect([...verdicts].sort(), `${peer} ${check}`).toEqual(['fail', 'pass']);
      }
    }
  });

  it('is what docs/policies.md reports (UPDATE_PEERS=1 rewrites it)', () => {
    const section = agreementSection(cases.map((item) => ({ item, verdict: ourVerdict(item).verdict })));
    const document = readFileSync(DOC, 'utf8');
    if (process.env.UPDATE_PEERS) writeFileSync(DOC, spliceAgreement(document, section));
    else expect(spliceAgreement(document, section)).toBe(document);
  });
});
