// The JSON report written in pieces is the same bytes as the report made in one string.
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../scripts/lib/model.ts';
import { jsonText } from '../../scripts/lib/report/escape.ts';
import { formatJson, jsonReportChunks, toJsonReport } from '../../scripts/lib/report/json.ts';
import { EMPTY_REPORT, fixtureReport } from './fixture.ts';

/** What formatJson returned before it was written in pieces: one JSON.stringify of the whole report. */
const whole = (report: Report) => jsonText(toJsonReport(report)) + '\n';

function many(count: number): Report {
  const report = fixtureReport();
  const findings: Finding[] = Array.from({ length: count }, (_, i) => ({ ...report.findings[i % report.findings.length]!, message: `finding ${i}\u2028` }));
  return { ...report, findings };
}

describe('the JSON report in pieces', () => {
  it('is byte-identical to the whole report, empty or not, whatever the piece size', () => {
    for (const report of [EMPTY_REPORT, fixtureReport(), many(1000)]) {
      expect(formatJson(report)).toBe(whole(report));
      expect([...jsonReportChunks(report, 1)].join('')).toBe(whole(report));
    }
  });

  it('comes in pieces of about the size asked for', () => {
    const chunks = [...jsonReportChunks(many(5000), 64 * 1024)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(64 * 1024 + 2000);
  });
});
