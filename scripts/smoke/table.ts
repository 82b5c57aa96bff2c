// The per-overlay table the smoke prints.

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
    lines.push(`${result.overlay}: ${passed(result) ? 'PASS' : 'FAIL'}`);
    const cells = result.rows.map((row) => [row.ok === 'skip' ? 'skip' : row.ok ? 'ok' : 'FAIL', row.check, row.target, row.detail]);
    const widths = [0, 1, 2].map((column) => Math.max(...cells.map((cell) => cell[column]!.length), 0));
    for (const cell of cells) {
      lines.push(`  ${cell.slice(0, 3).map((text, column) => text.padEnd(widths[column]!)).join('  ')}  ${oneLine(cell[3]!)}`);
    }
    for (const note of result.notes) lines.push(`  note: ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
