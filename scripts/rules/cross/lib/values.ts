// What cross-resource rules read of a resource: the shared readers, plus names and namespaces for messages.
import type { Resource } from '../../../lib/model.ts';
import { describeRef, refOf } from '../../../lib/model.ts';

export { isRecord, listAt, numberAt, recordAt, stringAt, stringList, valueAt } from '../../lib/read.ts';

/** Namespace as written; undefined means "whatever namespace the deployer applies", shared by the whole source. */
export function namespaceOf(resource: Resource): string | undefined {
  const namespace = resource.object.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

export function nameOf(resource: Resource): string {
  return String(resource.object.metadata?.name ?? '');
}

/** 'Deployment openclaw/gateway' for messages. */
export function describe(resource: Resource): string {
  return describeRef(refOf(resource.object));
}

/** "openclaw" or "(no namespace)" for messages. */
export function describeNamespace(namespace: string | undefined): string {
  return namespace ?? '(no namespace)';
}

export function sameNamespace(a: Resource, b: Resource): boolean {
  return namespaceOf(a) === namespaceOf(b);
}
