// Argo CD Applications and ApplicationSets as reconcilers: every source path of this repository, and the
// Applications an ApplicationSet's git-directory and list generators (also inside a matrix) make.
import type { Resource } from '../../../lib/model.ts';
import { pointer } from '../../../lib/model.ts';
import type { RepositoryFiles } from '../../../lib/repository-files.ts';
import { isRecord, listAt, stringAt } from '../../cross/lib/values.ts';
import type { Tool } from '../lib/gitops-objects.ts';
import { isPattern, repositoryPath } from '../lib/repository-paths.ts';
import type { GraphInputs } from './flux.ts';
import type { Origin, Reconciler } from './model.ts';
import { hasTemplate, substituteTemplate } from './placeholders.ts';
import { addReach, emptyReach } from './reach.ts';
import { isPlaceholder, isThisUrl } from './repository.ts';

const TOOL: Tool = 'argocd';

interface SourceAt {
  source: Record<string, unknown>;
  at: string;
}

/** spec.source and spec.sources[i] of an Application spec, with their pointers under `prefix`. */
export function sourcesOf(spec: unknown, prefix = ''): SourceAt[] {
  const sources: SourceAt[] = [];
  if (isRecord(spec) && isRecord(spec.source)) sources.push({ source: spec.source, at: `${prefix}/spec/source` });
  listAt(spec, 'sources').forEach((source, index) => {
    if (isRecord(source)) sources.push({ source, at: `${prefix}${pointer('spec', 'sources', index)}` });
  });
  return sources;
}

function originOf(repoURL: string | undefined, dirs: string[] | undefined, inputs: GraphInputs): Origin {
  if (repoURL !== undefined && isPlaceholder(repoURL)) return { in: 'unresolved', what: `a repository URL its generator fills in (${repoURL})` };
  if (isThisUrl(repoURL, inputs.repository.urls)) return { in: 'repository' };
  // A path that exists here from another URL is most likely a fork or a typo of this repository's URL.
  if ((dirs ?? []).some((dir) => inputs.files.directories.has(dir))) return { in: 'repository' };
  return { in: 'elsewhere', what: `another repository (${repoURL})` };
}

function reconciler(resource: Resource, fields: Omit<Reconciler, 'tool' | 'resource' | 'origin' | 'reach' | 'recurse'>, repoURL: string | undefined, recurse: boolean, inputs: GraphInputs): Reconciler {
  const origin = hasTemplate(fields.written) && !fields.pattern ? { in: 'unresolved' as const, what: `a path its generator fills in (${fields.written})` } : originOf(repoURL, fields.dirs, inputs);
  const built: Reconciler = { tool: TOOL, resource, ...fields, recurse, origin, reach: emptyReach() };
  if (origin.in === 'repository') for (const dir of fields.dirs ?? []) addReach(inputs.files, dir, recurse, built.reach);
  return built;
}

const recursive = (source: Record<string, unknown>) => isRecord(source.directory) && source.directory.recurse === true;

export function applicationReconcilers(application: Resource, inputs: GraphInputs): Reconciler[] {
  const spec = application.object.spec;
  const namespace = stringAt(spec, 'destination', 'namespace');
  return sourcesOf(spec).flatMap(({ source, at }) => {
    const written = stringAt(source, 'path');
    // Helm charts of a chart repository and `ref:`-only value sources name no directory here.
    if (written === undefined || stringAt(source, 'chart') !== undefined) return [];
    const dir = repositoryPath(written);
    const built = reconciler(application, { written, pointer: `${at}/path`, dirs: dir === undefined ? undefined : [dir], pattern: false }, stringAt(source, 'repoURL'), recursive(source), inputs);
    if (namespace !== undefined) built.namespace = { value: namespace, pointer: '/spec/destination/namespace' };
    return [built];
  });
}

export function applicationSetReconcilers(set: Resource, inputs: GraphInputs): Reconciler[] {
  const spec = set.object.spec;
  const template = isRecord(spec) ? spec.template : undefined;
  const templateSpec = isRecord(template) ? template.spec : undefined;
  const namespace = stringAt(templateSpec, 'destination', 'namespace');
  const literalNamespace = namespace !== undefined && !hasTemplate(namespace) ? { value: namespace, pointer: '/spec/template/spec/destination/namespace' } : undefined;
  // The Applications a git-directory generator makes read their directory as the template's source says.
  const templateRecurse = sourcesOf(templateSpec).some(({ source }) => recursive(source));
  const reconcilers: Reconciler[] = [];
  const visit = (generator: unknown, at: string): void => {
    if (!isRecord(generator)) return;
    if (isRecord(generator.git)) reconcilers.push(...gitDirectories(set, generator.git, `${at}/git`, inputs, literalNamespace, templateRecurse));
    if (isRecord(generator.list)) reconcilers.push(...listElements(set, listAt(generator.list, 'elements'), templateSpec, inputs));
    // A matrix or merge combines child generators: each child's directories are still what is deployed.
    for (const combined of ['matrix', 'merge']) {
      listAt(generator[combined], 'generators').forEach((child, index) => visit(child, `${at}${pointer(combined, 'generators', index)}`));
    }
  };
  listAt(spec, 'generators').forEach((generator, index) => visit(generator, pointer('spec', 'generators', index)));
  return reconcilers;
}

function gitDirectories(set: Resource, git: Record<string, unknown>, at: string, inputs: GraphInputs, namespace: Reconciler['namespace'], recurse: boolean): Reconciler[] {
  const directories = listAt(git, 'directories');
  const excluded = new Set(directories.filter((d) => isRecord(d) && d.exclude === true).flatMap((d) => expand(inputs.files, stringAt(d, 'path') ?? '') ?? []));
  return directories.flatMap((directory, index) => {
    const written = stringAt(directory, 'path');
    if (written === undefined || (isRecord(directory) && directory.exclude === true)) return [];
    const dirs = expand(inputs.files, written)?.filter((dir) => !excluded.has(dir));
    const built = reconciler(set, { written, pointer: `${at}${pointer('directories', index, 'path')}`, dirs, pattern: isPattern(written) }, stringAt(git, 'repoURL'), recurse, inputs);
    if (namespace) built.namespace = namespace;
    return [built];
  });
}

/** A list generator: each element's values fill the template's source paths in. */
function listElements(set: Resource, elements: readonly unknown[], templateSpec: unknown, inputs: GraphInputs): Reconciler[] {
  return elements.flatMap((element) => {
    if (!isRecord(element)) return [];
    const parameters = new Map(Object.entries(element).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as const] : [])));
    return sourcesOf(templateSpec, '/spec/template').flatMap(({ source, at }) => {
      const template = stringAt(source, 'path');
      if (template === undefined || stringAt(source, 'chart') !== undefined) return [];
      const written = substituteTemplate(template, parameters);
      const dir = hasTemplate(written) ? undefined : repositoryPath(written);
      const repoURL = stringAt(source, 'repoURL');
      return [reconciler(set, { written, pointer: `${at}/path`, dirs: dir === undefined ? (hasTemplate(written) ? [] : undefined) : [dir], pattern: false }, repoURL === undefined ? undefined : substituteTemplate(repoURL, parameters), recursive(source), inputs)];
    });
  });
}

/** Argo CD's directory generator patterns: `*` and `?` within one path segment, as Go's path.Match. */
export function expand(files: RepositoryFiles, written: string): string[] | undefined {
  const path = repositoryPath(written);
  if (path === undefined) return undefined;
  if (!isPattern(path)) return [path];
  let matches = ['.'];
  for (const segment of path.split('/')) {
    const regex = segmentRegex(segment);
    matches = matches.flatMap((base) => {
      const listed = files.directories.get(base);
      if (!listed) return [];
      return listed.subdirectories.filter((name) => !name.startsWith('.') && regex.test(name)).map((name) => (base === '.' ? name : `${base}/${name}`));
    });
  }
  return matches.sort();
}

function segmentRegex(segment: string): RegExp {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
