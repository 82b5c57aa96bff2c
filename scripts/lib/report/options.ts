// What every formatter receives besides the report itself.
import type { Severity } from '../model.ts';

/** A rule as reporters describe it: SARIF rule metadata and JUnit test cases come from these. */
export interface RuleInfo {
  id: string;
  description: string;
  fix: string;
  severity: Severity;
}

export interface ReportOptions {
  color: boolean;
  quiet: boolean;
  /** The rules that ran; without them reporters still know the built-in checks and every rule id in the findings. */
  rules?: ReadonlyArray<RuleInfo>;
}
