import type { Rule } from '../rule.ts';
import { promqlMetrics } from './promql-metrics.ts';
import { promqlSyntax } from './promql-syntax.ts';

/** Rules that read PrometheusRule expressions as PromQL. */
export const promqlRules: readonly Rule[] = [promqlSyntax, promqlMetrics];
