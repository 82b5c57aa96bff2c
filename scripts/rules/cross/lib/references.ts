// Every ConfigMap, Secret and PersistentVolumeClaim a pod template refers to, and where each could come from.
import type { Resource } from '../../../lib/model.ts';
import { pointer } from '../../../lib/model.ts';
import type { ExternalObjects, RuleContext, RuleSettings } from '../../rule.ts';
import { containersOf } from '../../resource-index.ts';
import type { ResourceIndex, Workload } from '../../resource-index.ts';
import { listsName } from './outside-render.ts';
import { isRecord, listAt, nameOf, namespaceOf, recordAt, stringAt } from './values.ts';

export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

export interface KeyReference {
  key: string;
  /** Pointer to the `key` field. */
  path: string;
}

export interface ConfigReference {
  workload: Workload;
  kind: ReferencedKind;
  name: string;
  /** Pointer to the field that holds the name. */
  path: string;
  optional: boolean;
  container?: string;
  /** Keys the reference needs from the object (valueFrom key, volume items). */
  keys: KeyReference[];
  via: 'volume' | 'projected volume' | 'envFrom' | 'env';
}

/** Every reference of every workload, computed once per index (rules with the same kinds share it). */
export function configReferences(context: Pick<RuleContext, 'index'>): ConfigReference[] {
  return context.index.memo('config-references', () => context.index.workloads.flatMap(referencesOf));
}

function itemKeys(source: Record<string, unknown>, at: string): KeyReference[] {
  return listAt(source, 'items').flatMap((item, index) => {
    const key = stringAt(item, 'key');
    return key ? [{ key, path: `${at}${pointer('items', index, 'key')}` }] : [];
  });
}

function referencesOf(workload: Workload): ConfigReference[] {
  const out: ConfigReference[] = [];
  const spec = workload.template.spec;
  const base = workload.template.specPath;
  listAt(spec, 'volumes').forEach((volume, v) => {
    if (!isRecord(volume)) return;
    const at = `${base}${pointer('volumes', v)}`;
    const claim = recordAt(volume, 'persistentVolumeClaim');
    const claimName = stringAt(claim, 'claimName');
    if (claim && claimName) {
      out.push({ workload, kind: 'PersistentVolumeClaim', name: claimName, path: `${at}/persistentVolumeClaim/claimName`, optional: false, keys: [], via: 'volume' });
    }
    const configMap = recordAt(volume, 'configMap');
    const configMapName = stringAt(configMap, 'name');
    if (configMap && configMapName) {
      out.push({ workload, kind: 'ConfigMap', name: configMapName, path: `${at}/configMap/name`, optional: configMap.optional === true, keys: itemKeys(configMap, `${at}/configMap`), via: 'volume' });
    }
    const secret = recordAt(volume, 'secret');
    const secretName = stringAt(secret, 'secretName');
    if (secret && secretName) {
      out.push({ workload, kind: 'Secret', name: secretName, path: `${at}/secret/secretName`, optional: secret.optional === true, keys: itemKeys(secret, `${at}/secret`), via: 'volume' });
    }
    listAt(volume, 'projected', 'sources').forEach((source, s) => {
      const sourceAt = `${at}${pointer('projected', 'sources', s)}`;
      for (const [field, kind] of [['configMap', 'ConfigMap'], ['secret', 'Secret']] as const) {
        const projected = recordAt(source, field);
        const name = stringAt(projected, 'name');
        if (!projected || !name) continue;
        out.push({ workload, kind, name, path: `${sourceAt}/${field}/name`, optional: projected.optional === true, keys: itemKeys(projected, `${sourceAt}/${field}`), via: 'projected volume' });
      }
    });
  });
  for (const ref of containersOf(workload.template)) {
    listAt(ref.container, 'envFrom').forEach((source, e) => {
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const target = recordAt(source, field);
        const name = stringAt(target, 'name');
        if (!target || !name) continue;
        out.push({ workload, kind, name, path: `${ref.path}${pointer('envFrom', e, field, 'name')}`, optional: target.optional === true, container: ref.name, keys: [], via: 'envFrom' });
      }
    });
    listAt(ref.container, 'env').forEach((variable, e) => {
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const target = recordAt(variable, 'valueFrom', field);
        const name = stringAt(target, 'name');
        if (!target || !name) continue;
        const at = `${ref.path}${pointer('env', e, 'valueFrom', field)}`;
        const key = stringAt(target, 'key');
        out.push({ workload, kind, name, path: `${at}/name`, optional: target.optional === true, container: ref.name, keys: key ? [{ key, path: `${at}/key` }] : [], via: 'env' });
      }
    });
  }
  return out;
}

const EXTERNAL_LISTS: Record<ReferencedKind, keyof ExternalObjects> = {
  ConfigMap: 'configMaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentVolumeClaims',
};

/** The `external` setting's secrets, configMaps and persistentVolumeClaims (`name` or `namespace/name`): objects managed outside the render. */
export function isDeclaredExternal(settings: RuleSettings, kind: ReferencedKind, name: string, namespace: string | undefined): boolean {
  return listsName(settings.external[EXTERNAL_LISTS[kind]], name, namespace);
}

/** The `external` key that declares objects of this kind, for messages. */
export function externalKey(kind: ReferencedKind): string {
  return `external.${EXTERNAL_LISTS[kind]}`;
}

/**
 * Who makes a Secret that is not itself in the render: ExternalSecret, SealedSecret, cert-manager Certificate,
 * or a Job (CronJob) that names it where a Secret is written: a flag about a secret (a certificate generator's
 * `--secret-name=NAME`), a `kubectl create secret generic NAME` (or `secret/NAME`) in its command or script,
 * or an env variable whose name says SECRET. Any other word of a Job (a database name, a host) is not enough.
 */
export function secretProducer(index: ResourceIndex, name: string, namespace: string | undefined): Resource | undefined {
  return index.memo('secret-producers', () => producers(index)).get(`${namespace ?? ''}\u0000${name}`);
}

const PRODUCER_KINDS = ['ExternalSecret', 'SealedSecret', 'Certificate'];

function producers(index: ResourceIndex): Map<string, Resource> {
  const map = new Map<string, Resource>();
  for (const resource of PRODUCER_KINDS.flatMap((kind) => index.byKind(kind))) {
    const produced = producedSecretName(resource);
    if (produced) map.set(`${namespaceOf(resource) ?? ''}\u0000${produced}`, resource);
  }
  for (const workload of index.workloads) {
    if (workload.kind !== 'Job' && workload.kind !== 'CronJob') continue;
    for (const word of jobSecretNames(workload)) {
      const key = `${workload.namespace ?? ''}\u0000${word}`;
      if (!map.has(key)) map.set(key, workload.resource);
    }
  }
  return map;
}

function producedSecretName(resource: Resource): string | undefined {
  switch (resource.object.kind) {
    case 'ExternalSecret':
      return stringAt(resource.object, 'spec', 'target', 'name') ?? nameOf(resource);
    case 'SealedSecret':
      return stringAt(resource.object, 'spec', 'template', 'metadata', 'name') ?? nameOf(resource);
    case 'Certificate':
      return stringAt(resource.object, 'spec', 'secretName');
    default:
      return undefined;
  }
}

/** The Secret names a Job writes, read from its commands, args (scripts included) and env. */
function jobSecretNames(workload: Workload): Set<string> {
  const names = new Set<string>();
  for (const ref of containersOf(workload.template)) {
    const words = [...listAt(ref.container, 'command'), ...listAt(ref.container, 'args')]
      .filter((text): text is string => typeof text === 'string')
      .flatMap((text) => text.split(/[\s"'`;()|&]+/))
      .filter((word) => word !== '');
    for (const name of secretNamesIn(words)) names.add(name);
    for (const variable of listAt(ref.container, 'env')) {
      const value = stringAt(variable, 'value');
      if (value && /secret/i.test(stringAt(variable, 'name') ?? '')) names.add(value);
    }
  }
  return names;
}

const SECRET_TYPES = new Set(['generic', 'tls', 'docker-registry']);
const WRITE_VERBS = new Set(['create', 'replace', 'patch', 'apply', 'edit']);

function secretNamesIn(words: readonly string[]): string[] {
  const names: string[] = [];
  words.forEach((word, i) => {
    const flag = /^--?[\w.-]*secret[\w.-]*(?:=(.*))?$/i.exec(word);
    if (flag) {
      const value = flag[1] ?? words[i + 1];
      if (value && !value.startsWith('-')) names.push(value);
      return;
    }
    const slashed = /^secrets?\/(.+)$/i.exec(word);
    if (slashed) return void names.push(slashed[1]!);
    if (!/^secrets?$/i.test(word) || !WRITE_VERBS.has(words[i - 1] ?? '')) return;
    // `kubectl create secret generic NAME --from-literal=...`: the name follows the type, flags aside.
    const rest = words.slice(i + 1).filter((next) => !next.startsWith('-'));
    const name = rest[0] !== undefined && SECRET_TYPES.has(rest[0]) ? rest[1] : rest[0];
    if (name) names.push(name);
  });
  return names;
}

/**
 * An object of the render without namespace that a workload with one refers to: it may line up (applied into the
 * workload's namespace) or not; namespace-consistency reports it, so the reference rules do not report it again.
 */
export function placedByApply(index: ResourceIndex, kind: string, name: string, namespace: string | undefined): boolean {
  return namespace !== undefined && index.find(kind, name, undefined) !== undefined;
}

/** StatefulSet volumeClaimTemplates make PVCs named `<template>-<statefulset>-<ordinal>`. */
export function claimFromTemplate(index: ResourceIndex, claimName: string, namespace: string | undefined): boolean {
  return index.workloads.some(
    (w) =>
      w.kind === 'StatefulSet' &&
      w.namespace === namespace &&
      listAt(w.resource.object, 'spec', 'volumeClaimTemplates').some((template) => {
        const name = stringAt(template, 'metadata', 'name');
        return name !== undefined && (claimName === name || new RegExp(`^${escape(name)}-${escape(w.name)}-\\d+$`).test(claimName));
      }),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
