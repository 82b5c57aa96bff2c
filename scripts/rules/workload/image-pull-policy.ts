import type { Rule } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { hasDigest, parseImage } from './lib/image.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

// A digest names exactly one image, so any policy is safe with it; a tag can move, so a node that already
// has the tag cached would keep running the old image unless the policy is Always. Never is always
// suspicious: the pod cannot start on a node that was not pre-loaded.
export const imagePullPolicy: Rule = {
  id: 'image-pull-policy',
  severity: 'warning',
  description: 'imagePullPolicy is not Never, and is Always unless the image is pinned by digest.',
  fix: 'Pin the image by digest (then IfNotPresent is best), or set imagePullPolicy: Always; never use Never in a cluster.',
  kinds: WORKLOAD_KINDS,
  equivalents: { polaris: 'pullPolicyNotAlways (partial)' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      if (typeof ref.container.image !== 'string') return [];
      const image = parseImage(ref.container.image);
      const policy = ref.container.imagePullPolicy;
      if (policy === 'Never') {
        return [containerViolation(ref, '/imagePullPolicy', 'uses imagePullPolicy: Never, so it only starts on nodes that already have the image')];
      }
      // Unset means Always for `latest` or no tag (image-tag reports those) and IfNotPresent otherwise.
      const effective = policy ?? (image.tag === undefined || image.tag === 'latest' ? 'Always' : 'IfNotPresent');
      if (effective === 'Always' || hasDigest(image)) return [];
      return [
        containerViolation(
          ref,
          '/imagePullPolicy',
          `pulls tag ${image.tag} only if absent (imagePullPolicy ${policy ?? 'unset, so IfNotPresent'}): a node may run an old image pushed under the same tag`,
        ),
      ];
    }),
};
