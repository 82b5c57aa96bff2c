// How many voluntary evictions a PodDisruptionBudget allows when the selected workloads run their fewest pods.
import type { Resource } from '../../../lib/model.ts';
import { declaredReplicas, type ResourceIndex, type Workload } from '../../resource-index.ts';
import { formatIntOrPercent, parseIntOrPercent, scaled, type IntOrPercent } from './int-or-percent.ts';
import { labelSelector } from './selectors.ts';
import { isRecord, namespaceOf, valueAt } from './values.ts';

export interface Budget {
  field: 'minAvailable' | 'maxUnavailable';
  value: IntOrPercent;
}

export function budgetOf(pdb: Resource): Budget | undefined {
  for (const field of ['minAvailable', 'maxUnavailable'] as const) {
    const value = parseIntOrPercent(valueAt(pdb.object, 'spec', field));
    if (value) return { field, value };
  }
  return undefined;
}

export function describeBudget(budget: Budget): string {
  return `${budget.field} ${formatIntOrPercent(budget.value)}`;
}

/** Evictions allowed with `pods` healthy pods; both fields round percentages up, as the disruption controller does. */
export function allowedDisruptions(budget: Budget, pods: number): number {
  const scaledValue = scaled(budget.value, pods, true);
  return budget.field === 'minAvailable' ? pods - scaledValue : Math.min(scaledValue, pods);
}

/** A null selector selects no pods in policy/v1; an empty one selects every pod of the namespace. */
export function workloadsOfPdb(index: ResourceIndex, pdb: Resource): Workload[] {
  const selector = valueAt(pdb.object, 'spec', 'selector');
  if (!isRecord(selector)) return [];
  return index.workloadsSelectedBy(labelSelector(selector), namespaceOf(pdb));
}

export interface FloorPart {
  workload: Workload;
  pods: number;
  /** The HPA whose minReplicas sets the floor, when one targets the workload. */
  hpa?: Resource;
}

/**
 * The fewest pods each workload runs; undefined when a count is unknowable from the render (DaemonSet, Job).
 * Kept per list: the index hands every budget with the same selector the same list of workloads.
 */
export function podFloor(index: ResourceIndex, workloads: readonly Workload[]): FloorPart[] | undefined {
  const floors = index.memo('pod-floors', () => new WeakMap<readonly Workload[], FloorPart[] | undefined>());
  if (floors.has(workloads)) return floors.get(workloads);
  const floor = floorOf(index, workloads);
  floors.set(workloads, floor);
  return floor;
}

function floorOf(index: ResourceIndex, workloads: readonly Workload[]): FloorPart[] | undefined {
  const parts: FloorPart[] = [];
  for (const workload of workloads) {
    const hpa = index.hpasTargeting(workload)[0];
    if (hpa) {
      parts.push({ workload, pods: hpa.minReplicas, hpa: hpa.resource });
      continue;
    }
    const replicas = workload.kind === 'Pod' ? 1 : declaredReplicas(workload);
    if (replicas === undefined) return undefined;
    parts.push({ workload, pods: replicas });
  }
  return parts;
}

export function describeFloor(parts: readonly FloorPart[]): string {
  return parts
    .map((part) => `${part.workload.kind} ${part.workload.name} ${part.hpa ? `HPA minReplicas ${part.pods}` : `replicas ${part.pods}`}`)
    .join(', ');
}
