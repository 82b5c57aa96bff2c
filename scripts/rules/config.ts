// The policy configuration (validate.config.yaml): which rules run, how severe they are, per source.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { isRecord, type Severity } from '../lib/model.ts';
import { configurableOf } from '../lib/rule-meta.ts';
import { catalogue, catalogueEntry } from './registry.ts';
import type { RuleSettings } from './rule.ts';

export type RuleSetting = Severity | 'off';
export type RuleOptions = Record<string, Record<string, unknown>>;

/** Settings that can be given globally and again, stricter or looser, for the sources a glob matches. */
export interface SettingsLayer {
  rules: Record<string, RuleSetting>;
  options: RuleOptions;
  production?: boolean;
  allowExemptions?: boolean;
}

export interface SourceLayer extends SettingsLayer {
  /** Glob over the source name (`overlays/prod`, `overlays/*`, `clusters/**`). */
  match: string;
}

export interface RuleConfig extends SettingsLayer {
  /** Applied in file order after the global layer; a later match wins. */
  sources: SourceLayer[];
}

/** What the engine needs for one source, after the layers are merged. */
export interface ResolvedSettings {
  rules: Record<string, RuleSetting>;
  allowExemptions: boolean;
  settings: RuleSettings;
}

export const CONFIG_FILE = 'validate.config.yaml';

export const defaultRuleConfig: RuleConfig = { rules: {}, options: {}, sources: [] };

const TOP_KEYS = ['rules', 'options', 'production', 'allowExemptions', 'sources'] as const;
const SOURCE_KEYS = ['rules', 'options', 'production', 'allowExemptions'] as const;

/**
 * Reads and validates a configuration file. Every problem is one line naming the file and the key,
 * because the CLI prints it as is and exits 2.
 */
export function loadRuleConfig(file: string, knownRules: readonly string[] = configurableRuleIds()): RuleConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the configuration file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseRuleConfig(text, { file, knownRules });
}

export function parseRuleConfig(text: string, options: { file: string; knownRules?: readonly string[] }): RuleConfig {
  const fail = (message: string): never => {
    throw new Error(`${options.file}: ${message}`);
  };
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const firstLine = String((error as Error).message).split('\n')[0];
    return fail(`not valid YAML: ${firstLine}`);
  }
  if (document === null || document === undefined) return { ...defaultRuleConfig };
  if (!isRecord(document)) return fail('the configuration must be a mapping');
  const known = options.knownRules ? new Set(options.knownRules) : undefined;

  rejectUnknownKeys(document, TOP_KEYS, '', fail);
  const global = readLayer(document, '', known, fail);

  const sources: SourceLayer[] = [];
  if (document.sources !== undefined) {
    if (!isRecord(document.sources)) fail('sources must be a mapping from a source glob to its settings');
    for (const [match, value] of Object.entries(document.sources as Record<string, unknown>)) {
      const at = `sources.${match}`;
      if (value === null) {
        sources.push({ match, rules: {}, options: {} });
        continue;
      }
      if (!isRecord(value)) fail(`${at} must be a mapping`);
      rejectUnknownKeys(value as Record<string, unknown>, SOURCE_KEYS, `${at}.`, fail);
      sources.push({ match, ...readLayer(value as Record<string, unknown>, `${at}.`, known, fail) });
    }
  }
  return { ...global, sources };
}

function readLayer(
  value: Record<string, unknown>,
  at: string,
  known: Set<string> | undefined,
  fail: (message: string) => never,
): SettingsLayer {
  const layer: SettingsLayer = { rules: {}, options: {} };
  if (value.rules !== undefined && value.rules !== null) {
    if (!isRecord(value.rules)) fail(`${at}rules must be a mapping from rule id to off, warning or error`);
    for (const [id, setting] of Object.entries(value.rules as Record<string, unknown>)) {
      checkRuleId(id, `${at}rules`, known, fail);
      // YAML 1.1 habits: `off` unquoted is the string "off" in YAML 1.2, but `false` is what some people write.
      const normalised = setting === false ? 'off' : setting;
      if (normalised !== 'off' && normalised !== 'warning' && normalised !== 'error') {
        fail(`${at}rules.${id} must be off, warning or error (got ${JSON.stringify(setting)})`);
      }
      checkConfigurable(id, normalised as RuleSetting, `${at}rules.${id}`, fail);
      layer.rules[id] = normalised as RuleSetting;
    }
  }
  if (value.options !== undefined && value.options !== null) {
    if (!isRecord(value.options)) fail(`${at}options must be a mapping from rule id to that rule's options`);
    for (const [id, ruleOptions] of Object.entries(value.options as Record<string, unknown>)) {
      checkRuleId(id, `${at}options`, known, fail);
      if (!isRecord(ruleOptions)) fail(`${at}options.${id} must be a mapping`);
      checkOptionKeys(id, ruleOptions as Record<string, unknown>, `${at}options.${id}`, fail);
      layer.options[id] = ruleOptions as Record<string, unknown>;
    }
  }
  for (const flag of ['production', 'allowExemptions'] as const) {
    if (value[flag] === undefined) continue;
    if (typeof value[flag] !== 'boolean') fail(`${at}${flag} must be true or false`);
    layer[flag] = value[flag] as boolean;
  }
  return layer;
}

/** A misspelt option key would silently leave the default in force: the registry says which keys exist. */
function checkOptionKeys(id: string, ruleOptions: Record<string, unknown>, at: string, fail: (message: string) => never): void {
  const rule = catalogueEntry(id);
  if (!rule) return;
  const allowed = Object.keys(rule.options ?? {});
  for (const key of Object.keys(ruleOptions)) {
    if (allowed.includes(key)) continue;
    fail(allowed.length === 0 ? `${at}: rule ${id} takes no options` : `unknown key ${at}.${key} (allowed: ${allowed.join(', ')})`);
  }
}

function checkRuleId(id: string, at: string, known: Set<string> | undefined, fail: (message: string) => never): void {
  if (known && !known.has(id)) fail(`${at}.${id}: unknown rule id (see --list-rules)`);
}

function rejectUnknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  at: string,
  fail: (message: string) => never,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`unknown key ${at}${key} (allowed: ${allowed.join(', ')})`);
  }
}

/** A failed render silenced, or the command's own input errors turned off, would hide that nothing was checked. */
function checkConfigurable(id: string, setting: RuleSetting, at: string, fail: (message: string) => never): void {
  const entry = catalogueEntry(id);
  if (!entry) return;
  const configurable = configurableOf(entry);
  if (configurable === 'none') fail(`${at}: ${id} cannot be configured (it reports the command's own input)`);
  if (configurable === 'severity' && setting === 'off') fail(`${at}: ${id} cannot be off, only warning or error`);
}

/** Every id the configuration may name: the whole catalogue. */
export function configurableRuleIds(): string[] {
  return catalogue.map((entry) => entry.id);
}

/** Merges the global layer and every source layer whose glob matches, in file order. */
export function resolveSettings(config: RuleConfig, source: string): ResolvedSettings {
  const layers: SettingsLayer[] = [config, ...config.sources.filter((layer) => sourceMatches(layer.match, source))];
  const rules: Record<string, RuleSetting> = {};
  const options: RuleOptions = {};
  let production = false;
  let allowExemptions = true;
  for (const layer of layers) {
    Object.assign(rules, layer.rules);
    for (const [id, ruleOptions] of Object.entries(layer.options)) {
      options[id] = { ...(options[id] ?? {}), ...ruleOptions };
    }
    if (layer.production !== undefined) production = layer.production;
    if (layer.allowExemptions !== undefined) allowExemptions = layer.allowExemptions;
  }
  return { rules, allowExemptions, settings: { production, options } };
}

/**
 * A glob matches the source itself or one of its parent directories, so `overlays/prod` also covers a
 * file given as `overlays/prod/extra.yaml`. `*` stays inside one path segment, `**` crosses segments.
 */
export function sourceMatches(glob: string, source: string): boolean {
  const pattern = globToRegExp(trimPath(glob));
  const segments = trimPath(source).split('/');
  for (let length = segments.length; length > 0; length--) {
    if (pattern.test(segments.slice(0, length).join('/'))) return true;
  }
  return false;
}

function trimPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        out += '(?:.*/)?';
        i++;
      } else out += '.*';
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}


