// One order for every format, so the same input always gives byte-identical output (diffable in CI artifacts).
import type { Finding } from '../model.ts';

/** Code-unit comparison: locale-aware collation would make output depend on the machine running it. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorted by source, file, line, column, rule. Findings without a file or line (a failed render, a whole-file
 * problem) come first in their group: they usually explain the findings after them.
 * Array.prototype.sort is stable, so equal keys keep the order the checks produced.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.source, b.source) ||
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.rule, b.rule),
  );
}
