import type { RepositoryRule, Violation } from '../rule.ts';
import { filesOf, gitopsOf } from './lib/repository-model.ts';
import { describe } from '../cross/lib/values.ts';
import { directoryExists } from '../../lib/repository-files.ts';
import { distinctReconcilers } from './graph/model.ts';
import { overlaysOf } from './lib/overlays.ts';
import { leftOutOfArtifact } from './lib/artifact.ts';

export const gitopsPath: RepositoryRule = {
  scope: 'repository',
  id: 'gitops-path',
  severity: 'error',
  // A path the controller cannot build fails the sync as surely as a render error does: no opinion, so it
  // runs in every profile, beside the render and schema checks.
  profile: 'schema',
  description:
    "Every Flux Kustomization spec.path, Argo CD Application source path and ApplicationSet directory that builds from this repository's tree is a directory of it, and an overlay there renders. Paths built from another repository, another branch, an OCI artifact, a bucket or an external artifact are not in this tree and are not checked; nor are `${var}` paths a bootstrap or postBuild substitution fills in.",
  fix: 'Point the path at a directory relative to the repository root (e.g. ./apps/production), or fix the overlay so that `kustomize build` succeeds.',
  kinds: ['Kustomization', 'GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact', 'ArtifactGenerator', 'Application', 'ApplicationSet'],
  equivalents: {},
  check(context) {
    const overlays = overlaysOf(context);
    const violations: Violation[] = [];
    for (const reconciler of distinctReconcilers(gitopsOf(context))) {
      if (reconciler.origin.in !== 'repository') continue;
      const at = { resource: reconciler.resource, path: reconciler.pointer };
      const who = `${describe(reconciler.resource)} path ${JSON.stringify(reconciler.written)}`;
      if (reconciler.dirs === undefined) {
        violations.push({ ...at, message: `${who} leaves the repository: paths are relative to its root` });
        continue;
      }
      if (reconciler.pattern && reconciler.dirs.length === 0 && !filesOf(context).truncated) {
        violations.push({ ...at, message: `${who} matches no directory of the repository: the generator makes no Application` });
        continue;
      }
      for (const dir of reconciler.dirs) {
        if (directoryExists(filesOf(context), dir) === false) {
          violations.push({ ...at, message: `${who} is not a directory of the repository (looked for ${dir}/): the controller fails to build it` });
          continue;
        }
        const ignoredBy = leftOutOfArtifact(filesOf(context), reconciler, dir);
        if (ignoredBy !== undefined) {
          violations.push({ ...at, message: `${who} is left out of the artifact by ${ignoredBy}: the controller fails to build it` });
          continue;
        }
        const overlay = overlays.find((o) => o.dir === dir);
        if (overlay && !overlay.rendered) {
          // kustomize's reason is in the overlay's own render finding; repeating it here would double a long message.
          violations.push({ ...at, message: `${who} points at ${dir}, which does not render (see the render error of ${overlay.checked.source.name}): the controller fails on it too` });
        }
      }
    }
    return violations;
  },
};
