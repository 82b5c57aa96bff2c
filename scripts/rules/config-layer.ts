// One layer of validate.config.yaml (the global settings or one `sources:` entry): rule settings, typed
// options checked against each rule's spec, the shared `external` setting, and the old spellings of it.
import { isRecord } from '../lib/model.ts';
import { configurableOf } from '../lib/rule-meta.ts';
import type { RuleSetting, SettingsLayer } from './config.ts';
import { optionProblem } from './options.ts';
import { catalogueEntry } from './registry.ts';
import { EXTERNAL_KINDS, type ExternalObjects } from './rule.ts';

export interface LayerReader {
  known: Set<string> | undefined;
  fail: (message: string) => never;
  /** `file:line` of the value at a path of the document. */
  at: (path: readonly (string | number)[]) => string;
  warnings: string[];
}

export function readLayer(value: Record<string, unknown>, path: readonly string[], reader: LayerReader): SettingsLayer {
  const { fail } = reader;
  const at = path.length === 0 ? '' : `${path.join('.')}.`;
  const layer: SettingsLayer = { rules: {}, options: {} };
  if (value.rules !== undefined && value.rules !== null) {
    if (!isRecord(value.rules)) fail(`${at}rules must be a mapping from rule id to off, warning or error`);
    for (const [id, setting] of Object.entries(value.rules as Record<string, unknown>)) {
      checkRuleId(id, `${at}rules`, reader);
      // YAML 1.1 habits: `off` unquoted is the string "off" in YAML 1.2, but `false` is what some people write.
      const normalised = setting === false ? 'off' : setting;
      if (normalised !== 'off' && normalised !== 'warning' && normalised !== 'error') {
        fail(`${at}rules.${id} must be off, warning or error (got ${JSON.stringify(setting)})`);
      }
      checkConfigurable(id, normalised as RuleSetting, `${at}rules.${id}`, fail);
      layer.rules[id] = normalised as RuleSetting;
    }
  }
  if (value.external !== undefined && value.external !== null) {
    layer.external = readExternal(value.external, [...path, 'external'], reader);
  }
  if (value.options !== undefined && value.options !== null) {
    if (!isRecord(value.options)) fail(`${at}options must be a mapping from rule id to that rule's options`);
    for (const [id, ruleOptions] of Object.entries(value.options as Record<string, unknown>)) {
      checkRuleId(id, `${at}options`, reader);
      if (!isRecord(ruleOptions)) fail(`${at}options.${id} must be a mapping`);
      const remaining = migrateOldSpellings(id, ruleOptions as Record<string, unknown>, [...path, 'options', id], layer, reader);
      checkOptions(id, remaining, [...path, 'options', id], reader);
      if (Object.keys(remaining).length > 0 || Object.keys(ruleOptions as object).length === 0) layer.options[id] = remaining;
    }
  }
  for (const flag of ['production', 'allowExemptions'] as const) {
    if (value[flag] === undefined) continue;
    if (typeof value[flag] !== 'boolean') fail(`${at}${flag} must be true or false`);
    layer[flag] = value[flag] as boolean;
  }
  return layer;
}

/** `external: {secrets: [...], configMaps: [...], ...}`: every list is names of objects the render may refer to. */
function readExternal(value: unknown, path: readonly string[], reader: LayerReader): Partial<ExternalObjects> {
  const where = path.join('.');
  if (!isRecord(value)) reader.fail(`${where} must be a mapping from kind (${EXTERNAL_KINDS.join(', ')}) to names`);
  const external: Partial<ExternalObjects> = {};
  for (const [kind, names] of Object.entries(value as Record<string, unknown>)) {
    if (!(EXTERNAL_KINDS as readonly string[]).includes(kind)) reader.fail(`unknown key ${where}.${kind} (allowed: ${EXTERNAL_KINDS.join(', ')})`);
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
      throw new Error(`${reader.at([...path, kind])}: ${where}.${kind}: expected a list of names, got ${JSON.stringify(names)}`);
    }
    external[kind as keyof ExternalObjects] = names as string[];
  }
  return external;
}

/**
 * Before `external` and `repository` were shared settings, rules read them from their own options. The old
 * spellings still work for one release, with a warning that says what to write instead.
 */
function migrateOldSpellings(
  id: string,
  ruleOptions: Record<string, unknown>,
  path: readonly string[],
  layer: SettingsLayer,
  reader: LayerReader,
): Record<string, unknown> {
  const rest = { ...ruleOptions };
  const warn = (key: string, instead: string) =>
    reader.warnings.push(`${reader.at([...path, key])}: ${path.join('.')}.${key} is deprecated and will be removed: write ${instead}`);
  if (id === 'gitops-source' && rest.repository !== undefined) {
    if (typeof rest.repository !== 'string') reader.fail(`${path.join('.')}.repository must be the URL of this repository`);
    if (path.length > 2) reader.fail(`${path.join('.')}.repository: the repository is one setting for the whole run, not per source`);
    warn('repository', '`repository: URL` at the top level');
    layer.repository = (rest.repository as string).trim();
    delete rest.repository;
  }
  const sharedExternal: Record<string, keyof ExternalObjects | undefined> = {
    'service-account-exists': 'serviceAccounts',
    'httproute-backend': 'services',
  };
  if (rest.external !== undefined && id === 'volume-references') {
    warn('external', '`external: {secrets: [...], configMaps: [...], persistentVolumeClaims: [...]}` beside `options`');
    layer.external = { ...layer.external, ...readExternal(rest.external, [...path, 'external'], reader) };
    delete rest.external;
  } else if (rest.external !== undefined && sharedExternal[id] !== undefined) {
    const kind = sharedExternal[id];
    warn('external', `\`external: {${kind}: [...]}\` beside \`options\``);
    layer.external = { ...layer.external, ...readExternal({ [kind]: rest.external }, [...path], reader) };
    delete rest.external;
  }
  return rest;
}

/** A misspelt key would silently leave the default in force, a wrong type would silently mean something else. */
function checkOptions(id: string, ruleOptions: Record<string, unknown>, path: readonly string[], reader: LayerReader): void {
  const rule = catalogueEntry(id);
  if (!rule) return;
  const specs = rule.options ?? {};
  const allowed = Object.keys(specs);
  const where = path.join('.');
  for (const [key, value] of Object.entries(ruleOptions)) {
    const spec = specs[key];
    if (!spec) reader.fail(allowed.length === 0 ? `${where}: rule ${id} takes no options` : `unknown key ${where}.${key} (allowed: ${allowed.join(', ')})`);
    const problem = optionProblem(spec!, value);
    if (problem) throw new Error(`${reader.at([...path, key])}: rule ${id}, option ${key}: ${problem}`);
  }
}

function checkRuleId(id: string, at: string, reader: LayerReader): void {
  if (reader.known && !reader.known.has(id)) reader.fail(`${at}.${id}: unknown rule id (see --list-rules)`);
}

/** A failed render silenced, or the command's own input errors turned off, would hide that nothing was checked. */
function checkConfigurable(id: string, setting: RuleSetting, at: string, fail: (message: string) => never): void {
  const entry = catalogueEntry(id);
  if (!entry) return;
  const configurable = configurableOf(entry);
  if (configurable === 'none') fail(`${at}: ${id} cannot be configured (it reports the command's own input)`);
  if (configurable === 'severity' && setting === 'off') fail(`${at}: ${id} cannot be off, only warning or error`);
}
