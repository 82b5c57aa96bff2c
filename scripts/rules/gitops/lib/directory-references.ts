// Every place a GitOps object names a directory of this repository, in one shape for the path,
// namespace and coverage rules.
import type { Resource } from '../../../lib/model.ts';
import { pointer } from '../../../lib/model.ts';
import { isRecord, listAt, stringAt } from '../../cross/lib/values.ts';
import type { RepositoryContext } from '../../rule.ts';
import { fluxNamespace, isApplication, isApplicationSet, isFluxKustomization, isGitRepository, resourcesWhere, type Tool } from './gitops-objects.ts';
import { expandPattern, isPattern, repositoryPath } from './repository-paths.ts';
import { isThisRepository } from './repository-url.ts';

export interface DirectoryReference {
  tool: Tool;
  resource: Resource;
  /** As written in the object. */
  written: string;
  pointer: string;
  /** Repository-relative directories it names (several for a generator pattern); undefined if it leaves the repository. */
  dirs: string[] | undefined;
  /** A generator pattern (`overlays/*`): matching nothing is the failure, not a missing directory. */
  pattern: boolean;
  /** The namespace the objects are deployed to, when written literally. */
  namespace?: { value: string; pointer: string };
}

export function directoryReferences(context: RepositoryContext): DirectoryReference[] {
  return [...fluxReferences(context), ...applicationReferences(context), ...applicationSetReferences(context)];
}

function literal(written: string, resource: Resource, tool: Tool, at: string): DirectoryReference {
  const path = repositoryPath(written);
  return { tool, resource, written, pointer: at, dirs: path === undefined ? undefined : [path], pattern: false };
}

function fluxReferences(context: RepositoryContext): DirectoryReference[] {
  const repositories = resourcesWhere(context, isGitRepository);
  const references: DirectoryReference[] = [];
  for (const kustomization of resourcesWhere(context, isFluxKustomization)) {
    const spec = kustomization.object.spec;
    // Only paths into this repository can be checked here; a source of another repository is gitops-source's business.
    const sourceName = stringAt(spec, 'sourceRef', 'name');
    const sourceNamespace = stringAt(spec, 'sourceRef', 'namespace') ?? fluxNamespace(kustomization);
    const repository = repositories.find((r) => r.object.metadata?.name === sourceName && fluxNamespace(r) === sourceNamespace);
    if (repository && !isThisRepository(stringAt(repository.object.spec, 'url'), context.settings)) continue;
    // An unset path is the root of the source.
    const reference = literal(stringAt(spec, 'path') ?? '', kustomization, 'flux', '/spec/path');
    const namespace = stringAt(spec, 'targetNamespace');
    if (namespace) reference.namespace = { value: namespace, pointer: '/spec/targetNamespace' };
    references.push(reference);
  }
  return references;
}

function applicationReferences(context: RepositoryContext): DirectoryReference[] {
  const references: DirectoryReference[] = [];
  for (const application of resourcesWhere(context, isApplication)) {
    const spec = application.object.spec;
    const sources: Array<{ source: unknown; at: string }> = [];
    if (isRecord(spec) && isRecord(spec.source)) sources.push({ source: spec.source, at: '/spec/source' });
    listAt(spec, 'sources').forEach((source, index) => sources.push({ source, at: pointer('spec', 'sources', index) }));
    const namespace = stringAt(spec, 'destination', 'namespace');
    for (const { source, at } of sources) {
      const path = stringAt(source, 'path');
      // Helm charts and `ref:`-only value sources name no directory here.
      if (path === undefined || stringAt(source, 'chart') !== undefined) continue;
      if (!isThisRepository(stringAt(source, 'repoURL'), context.settings)) continue;
      const reference = literal(path, application, 'argocd', `${at}/path`);
      if (namespace) reference.namespace = { value: namespace, pointer: '/spec/destination/namespace' };
      references.push(reference);
    }
  }
  return references;
}

function applicationSetReferences(context: RepositoryContext): DirectoryReference[] {
  const references: DirectoryReference[] = [];
  for (const set of resourcesWhere(context, isApplicationSet)) {
    const spec = set.object.spec;
    const namespace = stringAt(spec, 'template', 'spec', 'destination', 'namespace');
    listAt(spec, 'generators').forEach((generator, g) => {
      if (!isThisRepository(stringAt(generator, 'git', 'repoURL'), context.settings)) return;
      const directories = listAt(generator, 'git', 'directories');
      const excluded = new Set(
        directories.filter((d) => isRecord(d) && d.exclude === true).flatMap((d) => expand(context.root, stringAt(d, 'path') ?? '') ?? []),
      );
      directories.forEach((directory, d) => {
        const written = stringAt(directory, 'path');
        if (written === undefined || (isRecord(directory) && directory.exclude === true)) return;
        const dirs = expand(context.root, written)?.filter((dir) => !excluded.has(dir));
        const reference: DirectoryReference = {
          tool: 'argocd',
          resource: set,
          written,
          pointer: pointer('spec', 'generators', g, 'git', 'directories', d, 'path'),
          dirs,
          pattern: isPattern(written),
        };
        if (namespace && !namespace.includes('{{')) reference.namespace = { value: namespace, pointer: '/spec/template/spec/destination/namespace' };
        references.push(reference);
      });
    });
  }
  return references;
}

function expand(root: string, written: string): string[] | undefined {
  const path = repositoryPath(written);
  if (path === undefined) return undefined;
  return isPattern(path) ? expandPattern(root, path) : [path];
}
