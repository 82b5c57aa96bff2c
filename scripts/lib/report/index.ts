// The reporters' public face: the CLI picks a format by name and writes the string it gets back.
import type { Report } from '../model.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatJunit } from './junit.ts';
import type { ReportOptions } from './options.ts';
import { formatSarif } from './sarif.ts';
import { formatText } from './text.ts';

export type { ReportOptions, RuleInfo } from './options.ts';
export { shouldUseColor } from './color.ts';
export { formatProgressLine } from './progress.ts';
export { summaryLine } from './counts.ts';
export { BUILT_IN_RULES } from './rules.ts';

export const REPORT_FORMATS = ['text', 'json', 'junit', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The whole report in one format, ending with a newline (or empty: text or github in quiet mode with nothing
 * to say). `color` only affects text and `quiet` text and github (no summary line); the other machine formats
 * are the same whatever the options.
 */
export function formatReport(report: Report, format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report, options);
    case 'sarif':
      return formatSarif(report, options);
    case 'github':
      return formatGithub(report, options);
  }
}
