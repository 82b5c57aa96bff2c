// Annotation keys, and the size of all annotations of one object, as the API server limits them.
// Mirrors k8s.io/apimachinery pkg/api/validation ValidateAnnotations (IsQualifiedName of the lower-cased key)
// and ValidateAnnotationsSize (TotalAnnotationSizeLimitB: keys and values together at most 256 KiB), applied
// by ValidateObjectMeta to every object and by ValidatePodTemplateSpec to pod templates.
import type { Resource } from '../../lib/model.ts';
import { isRecord, pointer } from '../../lib/model.ts';
import { valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { TEMPLATE_PATHS, violation } from './lib/common.ts';
import { qualifiedName } from './lib/syntax.ts';

const TOTAL_LIMIT_BYTES = 256 * 1024;

export const annotationSyntax: Rule = {
  id: 'annotation-syntax',
  severity: 'error',
  description:
    'Annotation keys are qualified names (an optional DNS-subdomain prefix and \'/\', then a name of at most 63 characters; upper case is allowed), and the annotations of one object (or pod template), keys and values together, stay within 256 KiB.',
  fix: 'Correct the annotation key; move large values (whole configuration files, last-applied state) into a ConfigMap instead of annotations.',
  kinds: ['*'],
  mirrors: '`ValidateAnnotations` and `ValidateAnnotationsSize` (k8s.io/apimachinery pkg/api/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      checkAnnotations(resource, ['metadata', 'annotations'], violations);
      const template = TEMPLATE_PATHS[resource.object.kind];
      if (template) checkAnnotations(resource, [...template, 'metadata', 'annotations'], violations);
      if (resource.object.kind === 'CronJob') checkAnnotations(resource, ['spec', 'jobTemplate', 'metadata', 'annotations'], violations);
    }
    return violations;
  },
};

function checkAnnotations(resource: Resource, path: string[], out: Violation[]): void {
  const annotations = valueAt(resource.object, ...path);
  if (!isRecord(annotations)) return;
  const where = path.join('.');
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    // The API server checks the key lower-cased: 'Example.com/Owner' is as valid as 'example.com/owner'.
    for (const reason of qualifiedName(key.toLowerCase())) {
      out.push(violation(resource, pointer(...path, key), `${where} key "${key}" ${reason}`));
    }
    total += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (total > TOTAL_LIMIT_BYTES) {
    out.push(
      violation(resource, pointer(...path), `${where} hold ${total} bytes, over the API server's limit of ${TOTAL_LIMIT_BYTES} (256 KiB)`),
    );
  }
}
