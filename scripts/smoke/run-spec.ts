// What the kubelet would run for the gateway container of one render: argv, env, files, volumes, probes.
import { isRecord, type KubeObject, type Resource } from '../lib/model.ts';
import { secretKeysOf, throwawayValue } from './secrets.ts';

export interface MountSpec {
  /** Where the container sees it. */
  path: string;
  volume: string;
  /** emptyDir and claims are writable directories; configMap/secret volumes are read-only files. */
  kind: 'writable' | 'files';
  readOnly: boolean;
  /** For `files`: file name (relative to `path`, or '' when a subPath mounts one file at `path`) to content. */
  files: Record<string, string>;
}

export type ProbeHandler =
  | { type: 'http'; path: string; port: number; scheme: string; headers: Record<string, string> }
  | { type: 'exec'; command: string[] }
  | { type: 'tcp'; port: number };

export interface ProbeSpec {
  kind: 'startup' | 'readiness' | 'liveness';
  handler: ProbeHandler;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
}

export interface RunSpec {
  workload: string;
  namespace: string;
  container: string;
  image: string;
  /** command + args as the container runtime joins them ([] means the image's default). */
  argv: string[];
  workingDir?: string;
  env: Record<string, string>;
  mounts: MountSpec[];
  ports: Array<{ name?: string; containerPort: number }>;
  probes: ProbeSpec[];
  runAsUser: number;
  runAsGroup: number;
  readOnlyRootFilesystem: boolean;
  /** The throwaway values given to each Secret's keys, by Secret name (monitoring auth reads them). */
  secretValues: Record<string, Record<string, string>>;
  /** Pod template labels: which Services select this pod. */
  podLabels: Record<string, string>;
  /** What could not be reproduced faithfully (a Secret not in the render, a fieldRef), one line each. */
  notes: string[];
}

/** Bad input for the smoke (no gateway container in the render): exit 2. */
export class RunSpecError extends Error {}

/** Kubernetes' defaults for an unset probe field. */
const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 };

export function extractRunSpec(resources: readonly Resource[], options: { container?: string } = {}): RunSpec {
  const wanted = options.container ?? 'gateway';
  const deployment = resources
    .map((resource) => resource.object)
    .find((object) => object.kind === 'Deployment' && containersOf(object).some((container) => container.name === wanted));
  if (!deployment) throw new RunSpecError(`no Deployment with a container named "${wanted}" in the render`);
  const template = record(record(deployment.spec).template);
  const podSpec = record(template.spec);
  const container = containersOf(deployment).find((candidate) => candidate.name === wanted)!;
  const namespace = String(deployment.metadata?.namespace ?? 'default');
  const notes: string[] = [];
  const secrets = new Map<string, Record<string, string>>();
  const secretData = (name: string): Record<string, string> => {
    let data = secrets.get(name);
    if (!data) {
      const keys = secretKeysOf(resources, name, namespace);
      if (keys === undefined) notes.push(`Secret ${name} is not in this render: its keys are unknown, none is set`);
      data = Object.fromEntries((keys ?? []).map((key) => [key, throwawayValue()]));
      secrets.set(name, data);
    }
    return data;
  };
  const configMapData = (name: string): Record<string, string> => {
    const configMap = resources.find((r) => r.object.kind === 'ConfigMap' && r.object.metadata?.name === name)?.object;
    if (!configMap) notes.push(`ConfigMap ${name} is not in this render`);
    return stringMap(configMap?.data);
  };

  const env: Record<string, string> = {};
  for (const source of list(container.envFrom)) {
    const prefix = typeof source.prefix === 'string' ? source.prefix : '';
    const data = isRecord(source.secretRef) ? secretData(String(source.secretRef.name)) : isRecord(source.configMapRef) ? configMapData(String(source.configMapRef.name)) : {};
    for (const [key, value] of Object.entries(data)) env[prefix + key] = value;
  }
  for (const variable of list(container.env)) {
    const name = String(variable.name);
    if (typeof variable.value === 'string') env[name] = expandReferences(variable.value, env);
    else if (isRecord(variable.valueFrom)) {
      const from = variable.valueFrom;
      const value = isRecord(from.secretKeyRef)
        ? secretData(String(from.secretKeyRef.name))[String(from.secretKeyRef.key)]
        : isRecord(from.configMapKeyRef)
          ? configMapData(String(from.configMapKeyRef.name))[String(from.configMapKeyRef.key)]
          : fieldValue(from, deployment, namespace, notes, name);
      if (value !== undefined) env[name] = value;
    } else env[name] = '';
  }

  const volumes = new Map(list(podSpec.volumes).map((volume) => [String(volume.name), volume]));
  const mounts: MountSpec[] = list(container.volumeMounts).map((mount) => {
    const volume = volumes.get(String(mount.name)) ?? {};
    const readOnly = mount.readOnly === true;
    const subPath = typeof mount.subPath === 'string' ? mount.subPath : undefined;
    let files: Record<string, string> | undefined;
    if (isRecord(volume.configMap)) files = projectKeys(configMapData(String(volume.configMap.name)), volume.configMap.items);
    else if (isRecord(volume.secret)) files = projectKeys(secretData(String(volume.secret.secretName)), volume.secret.items);
    const base = { path: String(mount.mountPath), volume: String(mount.name), readOnly };
    if (!files) return { ...base, kind: 'writable' as const, files: {} };
    // A subPath into a configMap volume mounts that one file at mountPath.
    if (subPath !== undefined) return { ...base, kind: 'files' as const, readOnly: true, files: { '': files[subPath] ?? '' } };
    return { ...base, kind: 'files' as const, readOnly: true, files };
  });

  const ports = list(container.ports).map((port) => ({ name: typeof port.name === 'string' ? port.name : undefined, containerPort: Number(port.containerPort) }));
  const probes: ProbeSpec[] = [];
  for (const kind of ['startup', 'readiness', 'liveness'] as const) {
    const probe = container[`${kind}Probe`];
    if (isRecord(probe)) probes.push(probeSpec(kind, probe, ports));
  }
  const podSecurity = record(podSpec.securityContext);
  const securityContext = record(container.securityContext);
  return {
    workload: String(deployment.metadata?.name ?? ''),
    namespace,
    container: wanted,
    image: String(container.image ?? ''),
    argv: [...strings(container.command), ...strings(container.args)],
    workingDir: typeof container.workingDir === 'string' ? container.workingDir : undefined,
    env,
    mounts,
    ports,
    probes,
    runAsUser: Number(securityContext.runAsUser ?? podSecurity.runAsUser ?? 1000),
    runAsGroup: Number(securityContext.runAsGroup ?? podSecurity.runAsGroup ?? 1000),
    readOnlyRootFilesystem: securityContext.readOnlyRootFilesystem === true,
    secretValues: Object.fromEntries(secrets),
    podLabels: stringMap(record(template.metadata).labels),
    notes,
  };
}

function probeSpec(kind: ProbeSpec['kind'], probe: Record<string, unknown>, ports: RunSpec['ports']): ProbeSpec {
  const port = (value: unknown): number => (typeof value === 'number' ? value : (ports.find((p) => p.name === value)?.containerPort ?? Number(value)));
  let handler: ProbeHandler;
  if (isRecord(probe.httpGet)) {
    const headers = Object.fromEntries(list(probe.httpGet.httpHeaders).map((header) => [String(header.name), String(header.value)]));
    handler = { type: 'http', path: String(probe.httpGet.path ?? '/'), port: port(probe.httpGet.port), scheme: String(probe.httpGet.scheme ?? 'HTTP'), headers };
  } else if (isRecord(probe.exec)) handler = { type: 'exec', command: strings(probe.exec.command) };
  else if (isRecord(probe.tcpSocket)) handler = { type: 'tcp', port: port(probe.tcpSocket.port) };
  else throw new RunSpecError(`the ${kind} probe has no handler the smoke can run (httpGet, exec, tcpSocket)`);
  const number = (key: keyof typeof PROBE_DEFAULTS): number => (typeof probe[key] === 'number' ? (probe[key] as number) : PROBE_DEFAULTS[key]);
  return {
    kind,
    handler,
    initialDelaySeconds: number('initialDelaySeconds'),
    periodSeconds: number('periodSeconds'),
    timeoutSeconds: number('timeoutSeconds'),
    failureThreshold: number('failureThreshold'),
    successThreshold: number('successThreshold'),
  };
}

/** `$(VAR)` in a value refers to an earlier variable, as the kubelet expands it; `$$` escapes. */
export function expandReferences(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => (name === undefined ? '$' : (env[name] ?? match)));
}

function fieldValue(from: Record<string, unknown>, deployment: KubeObject, namespace: string, notes: string[], name: string): string | undefined {
  const path = isRecord(from.fieldRef) ? String(from.fieldRef.fieldPath) : undefined;
  if (path === 'metadata.namespace') return namespace;
  if (path === 'metadata.name') return `${deployment.metadata?.name ?? 'pod'}-smoke`;
  if (path === 'status.podIP' || path === 'status.hostIP') return '127.0.0.1';
  notes.push(`env ${name}: ${path ?? 'resourceFieldRef'} is not reproduced`);
  return undefined;
}

function projectKeys(data: Record<string, string>, items: unknown): Record<string, string> {
  const selected = list(items);
  if (selected.length === 0) return data;
  return Object.fromEntries(selected.map((item) => [String(item.path), data[String(item.key)] ?? '']));
}

function containersOf(object: KubeObject): Array<Record<string, unknown>> {
  return list(record(record(record(object.spec).template).spec).containers);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function stringMap(value: unknown): Record<string, string> {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)])) : {};
}
