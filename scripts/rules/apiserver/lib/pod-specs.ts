// The PodSpecs of a render as the API-server rules read them: every kind that holds one (PodTemplate too),
// with the pointer of each container, so findings point at the field the API server would name.
import type { Resource } from '../../../lib/model.ts';
import { isRecord, pointer } from '../../../lib/model.ts';
import { listAt, valueAt } from '../../lib/read.ts';
import { POD_SPEC_KINDS, podSpecPointer } from './common.ts';

export interface PodSpecRef {
  resource: Resource;
  spec: Record<string, unknown>;
  /** JSON pointer of the PodSpec. */
  path: string;
}

export type ContainerListName = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_LIST_NAMES: readonly ContainerListName[] = ['containers', 'initContainers', 'ephemeralContainers'];

export interface ContainerEntry {
  pod: PodSpecRef;
  list: ContainerListName;
  container: Record<string, unknown>;
  /** The name as written ('' when missing or not a string). */
  name: string;
  /** JSON pointer of the container. */
  path: string;
}

/** Every PodSpec among `resources` that is a mapping (a missing spec is the `pod-spec` rule's finding). */
export function podSpecs(resources: readonly Resource[]): PodSpecRef[] {
  const out: PodSpecRef[] = [];
  for (const resource of resources) {
    if (!POD_SPEC_KINDS.includes(resource.object.kind)) continue;
    const path = podSpecPointer(resource.object.kind);
    if (path === undefined) continue;
    const spec = valueAt(resource.object, ...path.slice(1).split('/'));
    if (isRecord(spec)) out.push({ resource, spec, path });
  }
  return out;
}

export function containerEntries(pod: PodSpecRef, lists: readonly ContainerListName[] = CONTAINER_LIST_NAMES): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  for (const list of lists) {
    listAt(pod.spec, list).forEach((container, index) => {
      if (!isRecord(container)) return;
      out.push({
        pod,
        list,
        container,
        name: typeof container.name === 'string' ? container.name : '',
        path: `${pod.path}${pointer(list, index)}`,
      });
    });
  }
  return out;
}

const LIST_WORD: Record<ContainerListName, string> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

/** 'init container "migrate"' for messages. */
export function describeContainer(entry: ContainerEntry): string {
  return `${LIST_WORD[entry.list]} "${entry.name}"`;
}
