// Pod templates and their containers: what workload rules read, wherever the PodSpec sits in a kind.
import type { Resource } from '../lib/model.ts';
import { isRecord, pointer } from '../lib/model.ts';
import { valueAt } from './lib/read.ts';

/** Anything that carries a PodSpec, with the pointer to that spec inside the resource. */
export interface PodTemplate {
  resource: Resource;
  /** JSON pointer to the PodSpec ('/spec' for a Pod, '/spec/template/spec' for a Deployment, ...). */
  specPath: string;
  spec: Record<string, unknown>;
  /** Labels the pods get (template metadata labels). */
  labels: Record<string, string>;
  /** Long-running (not a Job/CronJob/bare Pod with restartPolicy Never/OnFailure). */
  longRunning: boolean;
}

export interface ContainerRef {
  template: PodTemplate;
  /** 'containers' | 'initContainers' | 'ephemeralContainers' */
  list: ContainerList;
  index: number;
  container: Record<string, unknown>;
  name: string;
  /** JSON pointer to the container. */
  path: string;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // A core/v1 PodTemplate runs nothing itself, but what it holds becomes a pod: Pod Security checks it too.
  PodTemplate: ['template', 'spec'],
};

/** Kinds whose template is only a template: no pods of their own, so no Service, HPA or PDB relates to them. */
export const TEMPLATE_ONLY_KINDS: ReadonlySet<string> = new Set(['PodTemplate']);

const BATCH_KINDS = new Set(['Job', 'CronJob']);


export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  const path = TEMPLATE_PATHS[resource.object.kind];
  if (!path) return undefined;
  const spec = valueAt(resource.object, ...path);
  if (!isRecord(spec)) return undefined;
  const metadataPath = resource.object.kind === 'Pod' ? ['metadata'] : [...path.slice(0, -1), 'metadata'];
  const labels = valueAt(resource.object, ...metadataPath, 'labels');
  const restartPolicy = spec.restartPolicy;
  const longRunning =
    !BATCH_KINDS.has(resource.object.kind) &&
    !TEMPLATE_ONLY_KINDS.has(resource.object.kind) &&
    !(resource.object.kind === 'Pod' && (restartPolicy === 'Never' || restartPolicy === 'OnFailure'));
  return {
    resource,
    specPath: pointer(...path),
    spec,
    labels: isRecord(labels) ? (labels as Record<string, string>) : {},
    longRunning,
  };
}

/** Every container of a pod template, init and ephemeral containers included. */
export function containersOf(template: PodTemplate, lists: readonly ContainerList[] = CONTAINER_LISTS): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of lists) {
    const containers = template.spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, index) => {
      if (!isRecord(container)) return;
      out.push({
        template,
        list,
        index,
        container,
        name: String(container.name ?? `${list}[${index}]`),
        path: `${template.specPath}${pointer(list, index)}`,
      });
    });
  }
  return out;
}

