import type { RepositoryRule } from '../rule.ts';

/** Rules over the whole repository: GitOps objects against the overlays they point at. */
export const gitopsRules: readonly RepositoryRule[] = [];
