import type { Rule } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { hasDigest, parseImage } from './lib/image.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

export const imageDigest: Rule = {
  id: 'image-digest',
  severity: 'warning',
  description: 'Every image is pinned by digest, so a re-pushed tag cannot change what runs (an error where configured, e.g. prod).',
  fix: 'Add the digest: `images: [{name: app, newTag: "1.4.2@sha256:…"}]` or `digest:` in the overlay\'s kustomization.',
  kinds: WORKLOAD_KINDS,
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      if (typeof ref.container.image !== 'string' || hasDigest(parseImage(ref.container.image))) return [];
      return [containerViolation(ref, '/image', `image ${ref.container.image} is not pinned by digest`)];
    }),
};
