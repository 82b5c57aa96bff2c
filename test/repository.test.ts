// The repository's own manifests pass its own validation: what `npm run validate` promises on a clone.
import { describe, expect, it } from 'vitest';
import { runValidate } from './helpers/cli.ts';

describe('npm run validate on this repository', () => {
  it('renders every overlay, reads flux/ and argocd/, and finds no error', async () => {
    const result = await runValidate(['--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      summary: { sources: number; errors: number };
      findings: Array<{ rule: string; severity: string; message: string }>;
    };
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(report.summary.sources).toBe(5);
    // Every resource has a schema: nothing passes merely because it could not be checked.
    expect(report.findings.filter((f) => f.rule === 'unknown-kind')).toEqual([]);
  });
});
