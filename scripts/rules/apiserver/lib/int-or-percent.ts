// IntOrString fields that hold a count or a percentage (maxSurge, maxUnavailable, minAvailable), read as the
// API server reads them: k8s.io/kubernetes pkg/apis/apps/validation ValidatePositiveIntOrPercent,
// getIntOrPercentValue and IsNotMoreThan100Percent.
import { pointer } from '../../../lib/model.ts';
import type { Resource } from '../../../lib/model.ts';
import { valueAt } from '../../lib/read.ts';
import { isPercent } from './syntax.ts';

export interface IntOrPercentField {
  resource: Resource;
  segments: string[];
  /** JSON pointer of the field. */
  path: string;
  value: unknown;
}

export function fieldAt(resource: Resource, ...segments: string[]): IntOrPercentField {
  return { resource, segments, path: pointer(...segments), value: valueAt(resource.object, ...segments) };
}

/** Why the API server refuses the value as a count or percentage, if it does. */
export function intOrPercentProblem(value: unknown, atMost100Percent: boolean): string | undefined {
  if (typeof value === 'string') {
    if (!isPercent(value)) return `"${value}" is neither an integer nor a percentage like "25%" (a quoted number is a string, not an integer)`;
    if (atMost100Percent && Number(value.slice(0, -1)) > 100) return `${value} is more than 100%`;
    return undefined;
  }
  if (typeof value === 'number' && value < 0) return `${value} is negative`;
  return undefined;
}

/**
 * The number the API server compares with zero (getIntOrPercentValue): the integer, the percentage's number,
 * or for any other string what Go's Atoi makes of it (0 when it is not a number). `fallback` for an absent field.
 */
export function intOrPercentValue(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const digits = isPercent(value) ? value.slice(0, -1) : value;
    return /^[+-]?\d+$/.test(digits) ? Number(digits) : 0;
  }
  return fallback;
}
