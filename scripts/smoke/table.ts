// The per-overlay table the smoke prints. Every name, cell, detail and note is input-derived (overlay
// directories, container args, probe replies, pod logs), so each is escaped here, where it is laid out.
import { terminalText } from '../lib/report/escape.ts';

export interface CheckRow {
  check: string;
  target: string;
  /** true pass, false fail, 'skip' not checked here (said why in detail). */
  ok: boolean | 'skip';
  detail: string;
}

export interface OverlayResult {
  overlay: string;
  rows: CheckRow[];
  notes: string[];
}

export function passed(result: OverlayResult): boolean {
  return result.rows.length > 0 && result.rows.every((row) => row.ok !== false);
}

export function formatTable(results: readonly OverlayResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${terminalText(result.overlay)}: ${passed(result) ? 'PASS' : 'FAIL'}`);
    // Escaped before the widths are measured, so the columns line up with what is shown.
    const cells = result.rows.map((row) => [row.ok === 'skip' ? 'skip' : row.ok ? 'ok' : 'FAIL', terminalText(row.check), terminalText(row.target), oneLine(row.detail)]);
    const widths = [0, 1, 2].map((column) => Math.max(...cells.map((cell) => cell[column]!.length), 0));
    for (const cell of cells) {
      lines.push(`  ${cell.slice(0, 3).map((text, column) => text.padEnd(widths[column]!)).join('  ')}  ${cell[3]!}`);
    }
    for (const note of result.notes) lines.push(`  note: ${terminalText(note)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The last line of the run: how many passed, or which overlays failed. */
export function formatSummary(results: readonly OverlayResult[]): string {
  const failed = results.filter((result) => !passed(result));
  if (failed.length === 0) return `smoke: ${results.length} overlay(s) passed`;
  return `smoke: ${failed.length} of ${results.length} overlay(s) failed: ${failed.map((result) => terminalText(result.overlay)).join(', ')}`;
}

/** A detail (a probe reply, an error) on one line of at most ~160 characters, whitespace runs as one space. */
function oneLine(text: string): string {
  const line = terminalText(text.replace(/\s+/g, ' ').trim());
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
