// The three "probe is missing" rules differ only in the field and its explanation.
import type { Rule } from '../../rule.ts';
import type { Severity } from '../../../lib/model.ts';
import { containerViolation, LONG_RUNNING_KINDS, visitContainers } from './containers.ts';

export function missingProbeRule(definition: {
  id: string;
  field: 'livenessProbe' | 'readinessProbe' | 'startupProbe';
  severity: Severity;
  description: string;
  fix: string;
  why: string;
  equivalents?: Rule['equivalents'];
}): Rule {
  const { field, why, ...rest } = definition;
  return {
    ...rest,
    kinds: LONG_RUNNING_KINDS,
    // Jobs run to completion and init containers exit before the pod starts: probes make no sense there.
    check: (context) =>
      visitContainers(
        context,
        ['containers'],
        (ref) => (ref.container[field] === undefined ? [containerViolation(ref, `/${field}`, `no ${field} (${why})`)] : []),
        (template) => template.longRunning,
      ),
  };
}
