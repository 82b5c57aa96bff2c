// What declares a custom resource kind: a CustomResourceDefinition, or a Gatekeeper ConstraintTemplate, whose
// constraint kind's CRD Gatekeeper creates at run time (gatekeeper-constraints.ts).
import type { KubeObject } from '../model.ts';
import { constraintCrd, isConstraintTemplate } from './gatekeeper-constraints.ts';

export const isCrd = (object: KubeObject): boolean =>
  object.kind === 'CustomResourceDefinition' && /^apiextensions\.k8s\.io\/v1(beta1)?$/.test(object.apiVersion);

/** The CRDs these objects declare: CustomResourceDefinitions as they are, and one per ConstraintTemplate. */
export function declaredCrds(objects: readonly KubeObject[]): KubeObject[] {
  const crds: KubeObject[] = [];
  for (const object of objects) {
    if (isCrd(object)) crds.push(object);
    else if (isConstraintTemplate(object)) {
      const derived = constraintCrd(object);
      if (derived) crds.push(derived);
    }
  }
  return crds;
}
