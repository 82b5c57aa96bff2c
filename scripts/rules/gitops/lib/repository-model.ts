// The parts of the repository model the GitOps rules read: the listing and the GitOps graph the engine built
// once. A context made without them (a test of another rule) gets an empty listing and a graph of its sources.
import { EMPTY_REPOSITORY_FILES, type RepositoryFiles } from '../../../lib/repository-files.ts';
import type { RepositoryContext } from '../../rule.ts';
import { buildGitOpsGraph } from '../graph/build.ts';
import type { GitOpsGraph } from '../graph/model.ts';

export function filesOf(context: RepositoryContext): RepositoryFiles {
  return context.files ?? EMPTY_REPOSITORY_FILES;
}

export function gitopsOf(context: RepositoryContext): GitOpsGraph {
  return context.gitops ?? buildGitOpsGraph(context.sources, filesOf(context), context.settings, context.root);
}
