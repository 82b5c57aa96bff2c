// OPA Gatekeeper makes the CustomResourceDefinition of each constraint kind at run time, from the
// ConstraintTemplate that names it, so no repository holds those CRDs. The same CRD is derived here from the
// template: group constraints.gatekeeper.sh, the template's kind, and its parameters schema under
// spec.parameters. `match` and the enforcement fields are Gatekeeper's own and stay open: a constraint is
// judged on its parameters, never refused for a match field a newer Gatekeeper added.
import { isRecord, type KubeObject } from '../model.ts';

const TEMPLATE_API = /^templates\.gatekeeper\.sh\/v1(beta1|alpha1)?$/;
/** The versions Gatekeeper serves each constraint kind under. */
const CONSTRAINT_VERSIONS = ['v1', 'v1beta1', 'v1alpha1'];
const OPEN = { 'x-kubernetes-preserve-unknown-fields': true } as const;

export const isConstraintTemplate = (object: KubeObject): boolean => object.kind === 'ConstraintTemplate' && TEMPLATE_API.test(object.apiVersion);

/** The CRD Gatekeeper would create for this template's constraint kind; undefined when it names no kind. */
export function constraintCrd(template: KubeObject): KubeObject | undefined {
  const crd = isRecord(template.spec) && isRecord(template.spec.crd) && isRecord(template.spec.crd.spec) ? template.spec.crd.spec : undefined;
  const kind = crd && isRecord(crd.names) && typeof crd.names.kind === 'string' ? crd.names.kind : undefined;
  if (!crd || !kind) return undefined;
  const declared = isRecord(crd.validation) && isRecord(crd.validation.openAPIV3Schema) ? crd.validation.openAPIV3Schema : undefined;
  // Templates before v1 need not be structural, and legacySchema keeps unknown parameters: Gatekeeper then
  // marks the parameters preserve-unknown-fields, so only the fields they declare are checked.
  const legacy = !template.apiVersion.endsWith('/v1') || (isRecord(crd.validation) && crd.validation.legacySchema === true);
  const parameters = declared === undefined ? OPEN : legacy ? { ...declared, ...OPEN } : declared;
  const schema = {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: { match: OPEN, enforcementAction: { type: 'string' }, scopedEnforcementActions: { type: 'array', items: OPEN }, parameters },
      },
      status: OPEN,
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}.constraints.gatekeeper.sh` },
    spec: {
      group: 'constraints.gatekeeper.sh',
      names: { kind },
      scope: 'Cluster',
      versions: CONSTRAINT_VERSIONS.map((name) => ({ name, served: true, schema: { openAPIV3Schema: schema } })),
    },
  };
}
