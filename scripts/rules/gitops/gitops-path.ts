import type { RepositoryRule, Violation } from '../rule.ts';
import { describe } from '../cross/lib/values.ts';
import { directoryReferences } from './lib/directory-references.ts';
import { overlaysOf } from './lib/overlays.ts';
import { isDirectory } from './lib/repository-paths.ts';

export const gitopsPath: RepositoryRule = {
  scope: 'repository',
  id: 'gitops-path',
  severity: 'error',
  description:
    'Every Flux Kustomization spec.path, Argo CD Application source path and ApplicationSet git directory is a directory of this repository, and an overlay there renders (a directory that is not an overlay is gitops-coverage\'s).',
  fix: 'Point the path at an overlay directory relative to the repository root (e.g. ./overlays/prod), or fix the overlay so that `kustomize build` succeeds.',
  kinds: ['Kustomization', 'GitRepository', 'Application', 'ApplicationSet'],
  equivalents: {},
  check(context) {
    const overlays = overlaysOf(context);
    const violations: Violation[] = [];
    for (const reference of directoryReferences(context)) {
      const at = { resource: reference.resource, path: reference.pointer };
      const who = `${describe(reference.resource)} path ${JSON.stringify(reference.written)}`;
      if (reference.dirs === undefined) {
        violations.push({ ...at, message: `${who} leaves the repository: paths are relative to its root` });
        continue;
      }
      if (reference.pattern && reference.dirs.length === 0) {
        violations.push({ ...at, message: `${who} matches no directory of the repository: the generator makes no Application` });
        continue;
      }
      for (const dir of reference.dirs) {
        if (!isDirectory(context.root, dir)) {
          violations.push({ ...at, message: `${who} is not a directory of the repository (looked for ${dir}/): the controller fails to build it` });
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
