import type { Rule } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { hasDigest, parseImage } from './lib/image.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

export const imageTag: Rule = {
  id: 'image-tag',
  severity: 'error',
  description: 'Every image names a version: a tag other than latest, or a digest.',
  fix: 'Pin the image to a release tag (app:1.4.2) or a digest (app@sha256:…), e.g. with `images:` in the overlay.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'latest-tag', polaris: 'tagNotSpecified' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      if (typeof ref.container.image !== 'string') return [];
      const image = parseImage(ref.container.image);
      if (hasDigest(image)) return [];
      if (image.tag === undefined) return [containerViolation(ref, '/image', `image ${ref.container.image} has no tag, so it means latest`)];
      if (image.tag === 'latest') return [containerViolation(ref, '/image', `image ${ref.container.image} uses the latest tag`)];
      return [];
    }),
};
