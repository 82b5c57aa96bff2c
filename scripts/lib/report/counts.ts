// Counted nouns and the one-line summary that text and GitHub output end with.
import type { Summary } from '../model.ts';

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning in 37 resources from 2 sources` */
export function summaryLine(summary: Summary): string {
  return (
    `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} ` +
    `in ${plural(summary.resources, 'resource')} from ${plural(summary.sources, 'source')}`
  );
}
