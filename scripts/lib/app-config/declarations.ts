// validate.config.yaml's `options.app-config-schema.configs`: which ConfigMap key holds which
// application's config, in which format, checked against which schema file.
import { isRecord } from '../model.ts';
import { CONFIG_FORMATS, type ConfigFormat } from './parse-config.ts';

export const APP_CONFIG_RULE = 'app-config-schema';

export interface AppConfigDeclaration {
  /** The ConfigMap's name as written (kustomize's prefixes, suffixes and hash are allowed around it). */
  configMap: string;
  key: string;
  /** Repository-relative path of the JSON Schema. */
  schema: string;
  format: ConfigFormat;
  /** The file the key is generated from (configMapGenerator `files:`), so findings give its lines. */
  file?: string;
}

/** Reads the declarations from one options object; a malformed one is a configuration error (exit 2). */
export function readDeclarations(options: Record<string, unknown> | undefined, at: string): AppConfigDeclaration[] {
  if (!options || options.configs === undefined) return [];
  if (!Array.isArray(options.configs)) throw new Error(`${at}.configs must be a list of {configMap, key, schema, format}`);
  return options.configs.map((entry, index) => {
    const where = `${at}.configs[${index}]`;
    if (!isRecord(entry)) throw new Error(`${where} must be a mapping with configMap, key, schema and format`);
    for (const key of Object.keys(entry)) {
      if (!['configMap', 'key', 'schema', 'format', 'file'].includes(key)) throw new Error(`unknown key ${where}.${key} (allowed: configMap, key, schema, format, file)`);
    }
    for (const key of ['configMap', 'key', 'schema'] as const) {
      if (typeof entry[key] !== 'string' || entry[key] === '') throw new Error(`${where}.${key} must be a non-empty string`);
    }
    const format = entry.format ?? 'json';
    if (!CONFIG_FORMATS.includes(format as ConfigFormat)) throw new Error(`${where}.format must be one of ${CONFIG_FORMATS.join(', ')}`);
    if (entry.file !== undefined && typeof entry.file !== 'string') throw new Error(`${where}.file must be a path`);
    return {
      configMap: String(entry.configMap),
      key: String(entry.key),
      schema: String(entry.schema),
      format: format as ConfigFormat,
      ...(typeof entry.file === 'string' ? { file: entry.file } : {}),
    };
  });
}

/** kustomize adds a namePrefix before, a nameSuffix and the content hash after: `openclaw-gateway-config-canary-54hc77494t`. */
export function configMapMatches(declared: string, rendered: string): boolean {
  return rendered === declared || rendered.startsWith(`${declared}-`) || rendered.endsWith(`-${declared}`) || rendered.includes(`-${declared}-`);
}
