// Typed rule options: each rule declares its options as a small spec, from which both the TypeScript type
// the rule reads and the validation the configuration gets at load time are derived.
import { isRecord } from '../lib/model.ts';

export type OptionSpec =
  | { type: 'boolean'; description: string }
  | { type: 'string'; description: string }
  | { type: 'strings'; description: string }
  // A list of mappings whose fields the rule's own reader checks (app-config-schema's `configs`).
  | { type: 'mappings'; description: string }
  | { type: 'labels'; description: string }
  | { type: 'choices'; values: readonly string[]; description: string };

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'string' }
    ? string
  : S extends { type: 'mappings' }
    ? Array<Record<string, unknown>>
  : S extends { type: 'strings' }
    ? string[]
    : S extends { type: 'labels' }
      ? Record<string, string>
      : S extends { type: 'choices'; values: readonly (infer V)[] }
        ? V[]
        : never;

/** What a rule reads: every option optional (absent means the rule's default). */
export type OptionValues<S extends OptionSpecs> = { readonly [K in keyof S]?: ValueOf<S[K]> };

/** What the configuration must hold, said the way the error message says it. */
export function expected(spec: OptionSpec): string {
  switch (spec.type) {
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
    case 'mappings':
      return 'a list of mappings';
    case 'strings':
      return 'a list of strings';
    case 'labels':
      return 'a mapping of label names to string values';
    case 'choices':
      return `a list of ${spec.values.join(', ')}`;
  }
}

/** Why `value` does not fit `spec`, or undefined when it does. */
export function optionProblem(spec: OptionSpec, value: unknown): string | undefined {
  const fits = (() => {
    switch (spec.type) {
      case 'boolean':
        return typeof value === 'boolean';
      case 'string':
        return typeof value === 'string' && value !== '';
      case 'mappings':
        return Array.isArray(value) && value.every(isRecord);
      case 'strings':
        return Array.isArray(value) && value.every((item) => typeof item === 'string');
      case 'labels':
        return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
      case 'choices':
        return Array.isArray(value) && value.every((item) => typeof item === 'string' && spec.values.includes(item));
    }
  })();
  return fits ? undefined : `expected ${expected(spec)}, got ${describeValue(value)}`;
}

function describeValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  const text = JSON.stringify(value);
  return text !== undefined && text.length <= 60 ? `${text} (${type})` : type;
}

/**
 * The options of one rule for one source. The configuration validated every value against the rule's spec
 * when it loaded, so the cast only restates what was checked.
 */
export function optionsOf<S extends OptionSpecs>(settings: { options: Record<string, Record<string, unknown>> }, id: string, _specs: S): OptionValues<S> {
  return (settings.options[id] ?? {}) as OptionValues<S>;
}
