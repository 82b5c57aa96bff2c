// The machine-readable report. Its shape is a public contract (documented in README.md next to this file):
// keys are always present, in a fixed order, with null for "not known", so consumers never test for a key.
import type { Finding, Report } from '../model.ts';
import { repoPath } from './location.ts';
import { sortFindings } from './sort.ts';
import { jsonText } from './escape.ts';

/** Bumped only when a field changes meaning or disappears; new fields may be added within a version. */
export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  summary: { sources: number; resources: number; errors: number; warnings: number };
  findings: JsonFinding[];
}

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string | null;
  source: string;
  file: string | null;
  line: number | null;
  column: number | null;
  resource: { apiVersion: string; kind: string; namespace: string | null; name: string } | null;
  path: string | null;
}

/** Object literals are built key by key because JSON.stringify keeps insertion order, and the order is the contract. */
export function toJsonReport(report: Report): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    summary: {
      sources: report.summary.sources,
      resources: report.summary.resources,
      errors: report.summary.errors,
      warnings: report.summary.warnings,
    },
    findings: sortFindings(report.findings).map(toJsonFinding),
  };
}

function toJsonFinding(finding: Finding): JsonFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix ?? null,
    source: finding.source,
    file: finding.file === undefined ? null : repoPath(finding.file),
    line: finding.line ?? null,
    column: finding.column ?? null,
    resource: finding.resource
      ? {
          apiVersion: finding.resource.apiVersion,
          kind: finding.resource.kind,
          namespace: finding.resource.namespace ?? null,
          name: finding.resource.name,
        }
      : null,
    path: finding.path ?? null,
  };
}

export function formatJson(report: Report): string {
  return [...jsonReportChunks(report)].join('');
}

/**
 * The JSON report in pieces of about `chunkSize` characters, byte for byte what `formatJson` returns, so that
 * a report of a hundred thousand findings is written as it is made instead of held as one string.
 */
export function* jsonReportChunks(report: Report, chunkSize = 1 << 20): Generator<string> {
  const { findings, ...head } = toJsonReport(report);
  if (findings.length === 0) {
    yield jsonText({ ...head, findings }) + '\n';
    return;
  }
  // JSON.stringify's layout with an indent of 2: the findings array closes the object, one finding a block.
  const opening = jsonText({ ...head, findings: [] });
  let chunk = opening.slice(0, opening.lastIndexOf('[]')) + '[\n';
  for (const [i, finding] of findings.entries()) {
    chunk += (i > 0 ? ',\n' : '') + jsonText(finding).replace(/^/gm, '    ');
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + '\n  ]\n}\n';
}
