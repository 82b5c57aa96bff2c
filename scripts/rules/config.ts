// The policy configuration (validate.config.yaml): which rules run, how severe they are, per source.
import { LineCounter, parseDocument } from 'yaml';
import { readBoundedFile, UnsafeFileError } from '../lib/bounded-file.ts';
import { isRecord, type Severity } from '../lib/model.ts';
import { configurableOf, inProfile, profileOf, PROFILES, type Profile } from '../lib/rule-meta.ts';
import { readLayer, type LayerReader } from './config-layer.ts';
import { catalogue } from './registry.ts';
import { NO_EXTERNAL_OBJECTS, type ExternalObjects, type RuleSettings } from './rule.ts';

export type RuleSetting = Severity | 'off';
export type RuleOptions = Record<string, Record<string, unknown>>;

/** Settings that can be given globally and again, stricter or looser, for the sources a glob matches. */
export interface SettingsLayer {
  rules: Record<string, RuleSetting>;
  options: RuleOptions;
  production?: boolean;
  allowExemptions?: boolean;
  /** Objects that exist outside the render, by kind: one setting for every rule that resolves references. */
  external?: Partial<ExternalObjects>;
  /** This repository's URL (global layer only): the GitOps rules compare sources with it. */
  repository?: string;
}

export interface SourceLayer extends SettingsLayer {
  /** Glob over the source name (`overlays/prod`, `overlays/*`, `clusters/**`). */
  match: string;
}

export interface RuleConfig extends SettingsLayer {
  /**
   * The checks that run unless a layer names them in `rules:` (PROFILES in lib/rule-meta.ts). Absent in a
   * configuration built by hand, which then runs every check; the command fills it in (policies.ts loadConfig).
   */
  profile?: Profile;
  /** Applied in file order after the global layer; a later match wins. */
  sources: SourceLayer[];
  /** Old spellings accepted for one release, each `file:line: what to write instead`. */
  warnings?: string[];
  /** The schemas `options.app-config-schema` names, read by the CLI's configuration loader. */
  appSchemas?: RuleSettings['appSchemas'];
}

/** What the engine needs for one source, after the layers are merged. */
export interface ResolvedSettings {
  rules: Record<string, RuleSetting>;
  allowExemptions: boolean;
  settings: RuleSettings;
}

export const CONFIG_FILE = 'validate.config.yaml';
/** Far above any real configuration; a bound so that a hostile file cannot exhaust memory. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export const defaultRuleConfig: RuleConfig = { rules: {}, options: {}, sources: [] };

const TOP_KEYS = ['profile', 'rules', 'options', 'production', 'allowExemptions', 'external', 'repository', 'sources'] as const;
const SOURCE_KEYS = ['rules', 'options', 'production', 'allowExemptions', 'external'] as const;

/**
 * Reads and validates a configuration file. Every problem is one line naming the file and the key,
 * because the CLI prints it as is and exits 2.
 */
export function loadRuleConfig(file: string, knownRules: readonly string[] = configurableRuleIds()): RuleConfig {
  // The file comes with the pull request: it may be a link out of the repository, /dev/zero or a FIFO.
  let text: string;
  try {
    text = readBoundedFile(file, MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    if (!(error instanceof UnsafeFileError)) throw error;
    if (error.code && error.code !== 'ELOOP') throw new Error(`${file}: cannot read the configuration file (${error.code})`);
    throw new Error(`${file}: the configuration file ${error.message}`);
  }
  return parseRuleConfig(text, { file, knownRules });
}

export function parseRuleConfig(text: string, options: { file: string; knownRules?: readonly string[] }): RuleConfig {
  const fail = (message: string): never => {
    throw new Error(`${options.file}: ${message}`);
  };
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter });
  if (parsed.errors.length > 0) {
    const firstLine = String(parsed.errors[0]!.message).split('\n')[0];
    return fail(`not valid YAML: ${firstLine}`);
  }
  const document: unknown = parsed.toJS();
  if (document === null || document === undefined) return { ...defaultRuleConfig };
  if (!isRecord(document)) return fail('the configuration must be a mapping');
  const reader: LayerReader = {
    known: options.knownRules ? new Set(options.knownRules) : undefined,
    fail,
    // `file:line:` for the errors and warnings about one value, so an editor jumps to it.
    at: (path) => {
      const node = parsed.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0];
      return offset === undefined ? options.file : `${options.file}:${lineCounter.linePos(offset).line}`;
    },
    warnings: [],
  };

  rejectUnknownKeys(document, TOP_KEYS, '', fail);
  const global = readLayer(document, [], reader);
  if (document.repository !== undefined) {
    if (typeof document.repository !== 'string' || document.repository.trim() === '') fail('repository must be the URL of this repository');
    global.repository = (document.repository as string).trim();
  }

  if (document.profile !== undefined && !PROFILES.includes(document.profile as Profile)) {
    fail(`profile must be one of ${PROFILES.join(', ')} (got ${JSON.stringify(document.profile)})`);
  }
  const profile = document.profile === undefined ? {} : { profile: document.profile as Profile };

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
      sources.push({ match, ...readLayer(value as Record<string, unknown>, ['sources', match], reader) });
    }
  }
  return { ...global, ...profile, sources, ...(reader.warnings.length > 0 ? { warnings: reader.warnings } : {}) };
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

/** Every id the configuration may name: the whole catalogue. */
export function configurableRuleIds(): string[] {
  return catalogue.map((entry) => entry.id);
}

/** Merges the global layer and every source layer whose glob matches, in file order. */
export function resolveSettings(config: RuleConfig, source: string): ResolvedSettings {
  const layers: SettingsLayer[] = [config, ...config.sources.filter((layer) => sourceMatches(layer.match, source))];
  // Checks beyond the profile are off unless a layer names them: a team turns on one rule before the next profile.
  const rules: Record<string, RuleSetting> = config.profile === undefined ? {} : outsideProfile(config.profile);
  const options: RuleOptions = {};
  let production = false;
  let allowExemptions = true;
  const external: ExternalObjects = { ...NO_EXTERNAL_OBJECTS };
  for (const layer of layers) {
    // Per kind, a later layer's list replaces an earlier one, as options do key by key.
    Object.assign(external, layer.external ?? {});
    Object.assign(rules, layer.rules);
    for (const [id, ruleOptions] of Object.entries(layer.options)) {
      options[id] = { ...(options[id] ?? {}), ...ruleOptions };
    }
    if (layer.production !== undefined) production = layer.production;
    if (layer.allowExemptions !== undefined) allowExemptions = layer.allowExemptions;
  }
  const repository = config.repository === undefined ? {} : { repository: config.repository };
  return { rules, allowExemptions, settings: { production, options, external, ...repository, ...(config.appSchemas ? { appSchemas: config.appSchemas } : {}) } };
}

function outsideProfile(profile: Profile): Record<string, RuleSetting> {
  const off = catalogue.filter((entry) => configurableOf(entry) === 'all' && !inProfile(profileOf(entry), profile));
  return Object.fromEntries(off.map((entry) => [entry.id, 'off' as const]));
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
    const char = glob.charAt(i);
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



/**
 * The settings a configuration file holding only these options (in any spelling the file accepts) resolves
 * to: validated and migrated exactly as validate.config.yaml is. For callers that build contexts by hand.
 */
export function settingsForOptions(options: RuleOptions, source = '.'): RuleSettings {
  const config = parseRuleConfig(JSON.stringify({ options }), { file: 'options' });
  return resolveSettings(config, source).settings;
}
