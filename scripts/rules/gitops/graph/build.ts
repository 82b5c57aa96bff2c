// Builds the GitOps graph: every reconciler, grouped into the clusters that reconcile it. A cluster starts at
// an entry point, an object no other object of its tool applies: Flux bootstrap's flux-system Kustomization
// (which applies its own directory, clusters/<name>), a root Kustomization applied by hand, an Argo CD root
// Application (app of apps). Everything the entry's directories hold is applied with it, transitively.
// Entry points that apply no further GitOps object are grouped by the directory of their file (a cluster's
// directory of plain Kustomizations or Applications).
import { posix } from 'node:path';
import type { Resource } from '../../../lib/model.ts';
import type { RepositoryFiles } from '../../../lib/repository-files.ts';
import { describe, listAt, stringAt } from '../../cross/lib/values.ts';
import type { CheckedSource, RuleSettings } from '../../rule.ts';
import {
  fluxKey,
  fluxNamespace,
  isApplication,
  isApplicationSet,
  isArtifactGenerator,
  isFluxKustomization,
  isFluxSource,
  uniqueObjects,
  type Tool,
} from '../lib/gitops-objects.ts';
import { relativeDir } from '../lib/overlays.ts';
import { applicationReconcilers, applicationSetReconcilers } from './argocd.ts';
import { fluxReconciler, NO_SUBSTITUTION, substitutionOf, type GraphInputs, type Substitution } from './flux.ts';
import type { Cluster, GitOpsGraph, Reconciler } from './model.ts';
import { addReach, emptyReach, reaches, type Reach } from './reach.ts';
import { thisRepository } from './repository.ts';

const isGitOpsObject = (r: Resource) => isFluxKustomization(r) || isFluxSource(r) || isArtifactGenerator(r) || isApplication(r) || isApplicationSet(r);

export function buildGitOpsGraph(sources: readonly CheckedSource[], files: RepositoryFiles, settings: RuleSettings, root: string): GitOpsGraph {
  const objects = uniqueObjects(outermostFirst(sources, files, root), isGitOpsObject);
  const fluxSources = new Map<string, Resource>();
  for (const source of objects.filter(isFluxSource)) fluxSources.set(fluxKey(String(source.object.kind), fluxNamespace(source), String(source.object.metadata?.name ?? '')), source);
  // An ArtifactGenerator makes one ExternalArtifact per spec.artifacts entry, in its own namespace.
  for (const generator of objects.filter(isArtifactGenerator)) {
    for (const artifact of listAt(generator.object.spec, 'artifacts')) {
      const name = stringAt(artifact, 'name');
      if (name !== undefined) fluxSources.set(fluxKey('ExternalArtifact', fluxNamespace(generator), name), generator);
    }
  }
  const inputs: GraphInputs = { files, fluxSources, repository: thisRepository(objects, settings) };
  const flux = clustersOf('flux', objects.filter(isFluxKustomization), (k, substitution) => [fluxReconciler(k, inputs, substitution)]);
  const argocd = clustersOf('argocd', objects.filter((r) => isApplication(r) || isApplicationSet(r)), (app) => (isApplication(app) ? applicationReconcilers(app, inputs) : applicationSetReconcilers(app, inputs)));
  const clusters = [...flux, ...argocd];
  const tools = new Set<Tool>();
  if (objects.some(isFluxKustomization)) tools.add('flux');
  if (objects.some((r) => isApplication(r) || isApplicationSet(r))) tools.add('argocd');
  return { files, reconcilers: clusters.flatMap((cluster) => cluster.reconcilers), clusters, tools, fluxSources, repository: inputs.repository };
}

/**
 * A base checked beside the overlay that includes it renders the same object unpatched (tenants/base/x
 * beside tenants/staging): the overlay's render is what a cluster applies, so it stands for the object.
 */
function outermostFirst(sources: readonly CheckedSource[], files: RepositoryFiles, root: string): CheckedSource[] {
  const dirs = new Map(sources.map((checked) => [checked, relativeDir(root, checked.source.path)]));
  const included = new Set<CheckedSource>();
  for (const checked of sources) {
    if (checked.source.kind !== 'kustomization') continue;
    const reach = emptyReach();
    addReach(files, dirs.get(checked)!, false, reach);
    for (const other of sources) if (other !== checked && reach.dirs.has(dirs.get(other)!)) included.add(other);
  }
  return [...sources.filter((checked) => !included.has(checked)), ...sources.filter((checked) => included.has(checked))];
}

type Reconcile = (object: Resource, substitution: Substitution) => Reconciler[];

function clustersOf(tool: Tool, members: readonly Resource[], reconcile: Reconcile): Cluster[] {
  // Who applies whom, from the literal paths: a `${var}` path applies nothing that can be known.
  const literal = new Map(members.map((member) => [member, reachOf(reconcile(member, NO_SUBSTITUTION))]));
  const appliedBy = (member: Resource) => members.filter((other) => other !== member && reaches(literal.get(other)!, member.file));
  const placed = new Set<Resource>();
  const clusters = new Map<string, Cluster>();
  const grow = (roots: readonly Resource[]) => {
    for (const root of roots) {
      const own = literal.get(root)!;
      const appliesOthers = members.some((other) => other !== root && reaches(own, other.file));
      const selfApplied = reaches(own, root.file);
      const entryDir = reconcile(root, NO_SUBSTITUTION)[0]?.dirs?.[0];
      // Bootstrap: the entry applies its own directory (clusters/<name>), which names the cluster.
      const key = selfApplied && entryDir !== undefined ? entryDir : appliesOthers ? describe(root) : posix.dirname(root.file);
      let cluster = clusters.get(`${tool}\u0000${key}`);
      if (!cluster) {
        cluster = { tool, name: key, entries: [], reconcilers: [], deployed: new Set(), reach: emptyReach() };
        clusters.set(`${tool}\u0000${key}`, cluster);
      }
      cluster.entries.push(root);
      collect(cluster, root, members, reconcile, placed);
    }
  };
  grow(members.filter((member) => appliedBy(member).length === 0));
  // Objects that only apply each other (a cycle) have no entry: each first one left starts its own.
  for (const member of members) if (!placed.has(member)) grow([member]);
  return [...clusters.values()];
}

function collect(cluster: Cluster, start: Resource, members: readonly Resource[], reconcile: Reconcile, placed: Set<Resource>): void {
  const inCluster = new Set<Resource>();
  const pending: Array<{ member: Resource; substitution: Substitution }> = [{ member: start, substitution: NO_SUBSTITUTION }];
  while (pending.length > 0) {
    const { member, substitution } = pending.shift()!;
    if (inCluster.has(member)) continue;
    inCluster.add(member);
    placed.add(member);
    const reconcilers = reconcile(member, substitution);
    cluster.reconcilers.push(...reconcilers);
    const reach = reachOf(reconcilers);
    for (const reconciler of reconcilers) {
      if (reconciler.origin.in === 'repository') for (const dir of reconciler.dirs ?? []) cluster.deployed.add(dir);
    }
    merge(cluster.reach, reach);
    // What a Kustomization applies gets its postBuild substitutions; Argo CD substitutes nothing.
    const given = isFluxKustomization(member) ? substitutionOf(member, describe(member)) : NO_SUBSTITUTION;
    for (const other of members) if (!inCluster.has(other) && reaches(reach, other.file)) pending.push({ member: other, substitution: given });
  }
}

function reachOf(reconcilers: readonly Reconciler[]): Reach {
  const reach = emptyReach();
  for (const reconciler of reconcilers) merge(reach, reconciler.reach);
  return reach;
}

function merge(into: Reach, from: Reach): void {
  for (const dir of from.dirs) into.dirs.add(dir);
  for (const file of from.files) into.files.add(file);
  for (const dir of from.wholeDirs) into.wholeDirs.add(dir);
}

/** The clusters that apply `resource`: its file is read by one of theirs, or it is one of their entries. */
export function clustersHolding(graph: GitOpsGraph, resource: Resource): Cluster[] {
  return graph.clusters.filter((cluster) => cluster.entries.includes(resource) || reaches(cluster.reach, resource.file) || cluster.reconcilers.some((r) => r.resource === resource));
}
