import type { RepositoryRule } from '../rule.ts';
import { argocdProject } from './argocd-project.ts';
import { fluxWiring } from './flux-wiring.ts';
import { gitopsCoverage } from './gitops-coverage.ts';
import { gitopsNamespace } from './gitops-namespace.ts';
import { gitopsPath } from './gitops-path.ts';
import { gitopsSource } from './gitops-source.ts';
import { overlayCollision } from './overlay-collision.ts';
import { remoteResource } from './remote-resource.ts';

/** Rules over the whole repository: GitOps objects against the overlays they point at. */
export const gitopsRules: readonly RepositoryRule[] = [
  gitopsPath,
  gitopsSource,
  gitopsNamespace,
  gitopsCoverage,
  argocdProject,
  remoteResource,
  fluxWiring,
  overlayCollision,
];
