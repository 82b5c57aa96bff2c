// What the peer rules about availability ask of a workload: how many pods it runs at least, and where its
// pod template labels live in the resource.
import type { ResourceIndex, Workload } from '../../resource-index.ts';
import { declaredReplicas } from '../../resource-index.ts';

/** The fewest pods the workload runs: its replicas, or the lowest floor of an HPA or ScaledObject that scales it. */
export function minimumPods(index: ResourceIndex, workload: Workload): number | undefined {
  const hpas = index.hpasTargeting(workload);
  if (hpas.length > 0) return Math.min(...hpas.map((hpa) => hpa.minReplicas));
  return declaredReplicas(workload);
}

/** The JSON pointer of the workload's pod template labels ('/metadata/labels' for a bare Pod). */
export function templateLabelsPath(workload: Workload): string {
  return `${workload.template.specPath.replace(/\/spec$/, '')}/metadata/labels`;
}

/** Deployments and StatefulSets: the kinds peers check for replicas, spreading and budgets. */
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet'] as const;

/** What sets a workload's replica floor: HPAs and KEDA ScaledObjects, which make one (resource-relations.ts). */
export const SCALER_KINDS = ['HorizontalPodAutoscaler', 'ScaledObject'] as const;
