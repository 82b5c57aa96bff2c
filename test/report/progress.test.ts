import { describe, expect, it } from 'vitest';
import { formatProgressLine } from '../../scripts/lib/report/index.ts';
import { fixtureReport } from './fixture.ts';

describe('progress line', () => {
  const report = fixtureReport();
  const [prod, dev] = report.sources;

  it('marks a clean source with a tick, its resource count and its time', () => {
    expect(formatProgressLine({ ...prod, durationMs: 412.4 }, false)).toBe('✓ overlays/prod  7 resources  412 ms');
  });

  it('counts only the findings of its own source and turns the mark into a cross on errors', () => {
    expect(formatProgressLine(prod, false, report.findings)).toBe('✗ overlays/prod  7 resources, 1 error, 1 warning  412 ms');
    expect(formatProgressLine(dev, false, report.findings)).toBe('✗ overlays/dev  0 resources, 1 error  1.3 s');
  });

  it('keeps a tick when a source only has warnings', () => {
    const warnings = report.findings.filter((f) => f.severity === 'warning');
    expect(formatProgressLine(prod, false, warnings)).toBe('✓ overlays/prod  7 resources, 1 warning  412 ms');
  });

  it('colours the mark only when asked', () => {
    expect(formatProgressLine(dev, true, report.findings)).toContain('\u001b[31m✗');
    expect(formatProgressLine(dev, false, report.findings)).not.toContain('\u001b');
  });
});
