// The literal values of the containers' environment variables (`value`, not `valueFrom`), the one walk the
// rules that look for secrets in them share: secret-in-env judges them by the variable's name, env-secret-value
// by the value's format.
import type { ContainerRef } from '../../resource-index.ts';
import type { RuleContext, Violation } from '../../rule.ts';
import { isRecord, listAt } from '../../lib/read.ts';
import { CONTAINER_LISTS } from '../../pod-templates.ts';
import { containerViolation, visitContainers } from './containers.ts';

export interface LiteralVariable {
  /** As written: a string in a valid manifest. */
  name: unknown;
  value: string;
}

/** A violation at `/env/N/value` for each literal value of each container `judge` has a message for. */
export function envValueViolations(context: RuleContext, judge: (variable: LiteralVariable, ref: ContainerRef) => string | undefined): Violation[] {
  return visitContainers(context, CONTAINER_LISTS, (ref) =>
    listAt(ref.container, 'env').flatMap((entry, index) => {
      if (!isRecord(entry) || typeof entry.value !== 'string') return [];
      const message = judge({ name: entry.name, value: entry.value }, ref);
      return message === undefined ? [] : [containerViolation(ref, `/env/${index}/value`, message)];
    }),
  );
}
