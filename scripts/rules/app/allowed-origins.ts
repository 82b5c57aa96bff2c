// Every public host routed to the gateway is an allowed Control UI origin, and a non-loopback bind has some.
import { configMapMatches } from '../../lib/app-config/declarations.ts';
import { CONFIG_FORMATS, type ConfigFormat } from '../../lib/app-config/parse-config.ts';
import { publicHosts, servicesSelecting } from '../../lib/app-config/public-hosts.ts';
import { isRecord, pointer, type Resource } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { embeddedConfigs } from './embedded-config.ts';

export const ALLOWED_ORIGINS_RULE = 'allowed-origins';

export const allowedOrigins: Rule = {
  id: ALLOWED_ORIGINS_RULE,
  severity: 'error',
  description:
    "Every host an Ingress or HTTPRoute routes to the gateway's Service is in gateway.controlUi.allowedOrigins of the config the gateway mounts (as https://<host>, ${VAR} taken from the container's env), and a non-loopback bind (--bind lan) comes with allowedOrigins at all.",
  fix: 'Add the host\'s origin (https://<host>) to gateway.controlUi.allowedOrigins in the gateway config, or route only hosts the config allows; a non-loopback gateway needs allowedOrigins set.',
  kinds: ['Deployment', 'StatefulSet', 'ConfigMap', 'Service', 'Ingress', 'HTTPRoute'],
  options: {
    configMap: { type: 'string', description: "the gateway config's ConfigMap (name before kustomize prefixes/suffixes/hash); the rule is off without it" },
    key: { type: 'string', description: 'its data key (default openclaw.json)' },
    format: { type: 'string', description: 'json, json5 (default) or yaml' },
  },
  check(context) {
    const options = context.settings.options[ALLOWED_ORIGINS_RULE] ?? {};
    if (typeof options.configMap !== 'string') return [];
    const key = typeof options.key === 'string' ? options.key : 'openclaw.json';
    const format = CONFIG_FORMATS.includes(options.format as ConfigFormat) ? (options.format as ConfigFormat) : 'json5';
    const violations: Violation[] = [];
    const configs = new Map(embeddedConfigs(context.resources, options.configMap, key, format).map((entry) => [entry.configMap.object.metadata?.name, entry]));
    for (const workload of context.resources.filter((r) => r.object.kind === 'Deployment' || r.object.kind === 'StatefulSet')) {
      const podSpec = record(record(record(workload.object.spec).template).spec);
      const volumes = list(podSpec.volumes).filter((volume) => configMapMatches(String(options.configMap), String(record(volume.configMap).name ?? '')));
      list(podSpec.containers).forEach((container, index) => {
        const mount = list(container.volumeMounts).find((m) => volumes.some((volume) => volume.name === m.name));
        if (!mount) return;
        const volume = volumes.find((v) => v.name === mount.name)!;
        const parsed = configs.get(String(record(volume.configMap).name))?.parsed?.value;
        if (parsed === undefined) return; // app-config-schema reports a missing or unparsable config.
        const env = Object.fromEntries(list(container.env).filter((e) => typeof e.value === 'string').map((e) => [String(e.name), String(e.value)]));
        const gateway = record(record(parsed).gateway);
        const raw = record(gateway.controlUi).allowedOrigins;
        const allowed = (Array.isArray(raw) ? raw.map(String) : []).map((origin) => normalize(substitute(origin, env)));
        const bind = bindOf(container) ?? (typeof gateway.bind === 'string' ? gateway.bind : 'loopback');
        const name = String(container.name);
        if (bind !== 'loopback' && allowed.length === 0) {
          violations.push({
            resource: workload,
            path: pointer('spec', 'template', 'spec', 'containers', index, Array.isArray(container.args) ? 'args' : 'name'),
            container: name,
            message: `container ${name} binds the gateway to "${bind}" (non-loopback) but gateway.controlUi.allowedOrigins in ConfigMap ${options.configMap} key ${key} is empty: the gateway refuses to start or refuses every browser origin`,
          });
        }
        const ports = list(container.ports).map((port) => ({ name: typeof port.name === 'string' ? port.name : undefined, containerPort: Number(port.containerPort) }));
        const services = servicesSelecting(context.resources, stringMap(record(record(record(workload.object.spec).template).metadata)), ports);
        for (const host of publicHosts(context.resources, services)) {
          if (allowed.includes(normalize(host.origin))) continue;
          violations.push({
            resource: host.resource as Resource,
            path: host.path,
            message: `${host.from} routes ${host.host} to the gateway, but ${host.origin} is not in gateway.controlUi.allowedOrigins of ConfigMap ${options.configMap} (${allowed.length > 0 ? allowed.join(', ') : 'none'}): the Control UI behind this host is refused`,
          });
        }
      });
    }
    return violations;
  },
};

/** `--bind lan` or `--bind=lan` in command or args. */
function bindOf(container: Record<string, unknown>): string | undefined {
  const argv = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])].map(String);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--bind') return argv[i + 1];
    if (argv[i]!.startsWith('--bind=')) return argv[i]!.slice('--bind='.length);
  }
  return undefined;
}

/** OpenClaw substitutes ${VAR} in config strings from the environment. */
function substitute(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, name: string) => env[name] ?? match);
}

function normalize(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

function stringMap(metadata: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record(metadata.labels)).map(([k, v]) => [k, String(v)]));
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
