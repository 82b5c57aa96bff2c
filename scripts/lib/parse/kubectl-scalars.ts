// Plain scalars resolved the way kubectl reads them. kubectl turns YAML into JSON with sigs.k8s.io/yaml, which
// decodes with its fork of go-yaml v2 into interface{} values; the rules below follow go-yaml v2's
// resolve.go (`resolve`, `resolveMap`, `yamlStyleFloat`) and decode.go (`scalar`), not the YAML 1.1 spec:
// no base-60 numbers, no dates, and integers parsed by Go's strconv.ParseInt(s, 0, 64).
import type { ScalarTag, Tags } from 'yaml';

/** resolve.go `resolveMapList`: the only words that are not strings. */
const WORDS = new Map<string, unknown>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((w) => [w, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, Number.NEGATIVE_INFINITY] as const),
]);

/** resolve.go `yamlStyleFloat`: a float must look like this (so `Infinity`, `1e`, `0x1p3` stay strings). */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseFloat of a value that starts with '.': only digits and an exponent parse. */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64): an optional sign, then `0x`/`0X` hex, `0o`/`0O` octal
 * (Go 1.13+, so kubectl reads `0o17` as 15), `0b`/`0B` binary, a leading `0` octal (`0644` is 420), or decimal.
 * Undefined when Go would return an error (bad digit, out of range).
 */
function goParseInt(text: string): number | undefined {
  let sign = 1n;
  let rest = text;
  if (rest.startsWith('+') || rest.startsWith('-')) {
    if (rest.startsWith('-')) sign = -1n;
    rest = rest.slice(1);
  }
  let digits: RegExp;
  let prefix = '';
  if (/^0[xX]/.test(rest)) [digits, prefix, rest] = [/^[0-9a-fA-F]+$/, '0x', rest.slice(2)];
  else if (/^0[oO]/.test(rest)) [digits, prefix, rest] = [/^[0-7]+$/, '0o', rest.slice(2)];
  else if (/^0[bB]/.test(rest)) [digits, prefix, rest] = [/^[01]+$/, '0b', rest.slice(2)];
  else if (/^0[0-9]/.test(rest)) [digits, prefix, rest] = [/^[0-7]+$/, '0o', rest.slice(1)];
  else digits = /^[0-9]+$/;
  if (!digits.test(rest)) return undefined;
  const value = sign * BigInt(prefix + rest);
  // ParseUint takes no sign; a positive value up to 2^64-1 is still an integer (a uint64).
  if (value < INT64_MIN || value > (sign < 0n || text.startsWith('+') ? INT64_MAX : UINT64_MAX)) return undefined;
  return Number(value);
}

/** resolve.go `resolve("", in)` for an untagged plain scalar, as decode.go stores it in an interface{}. */
export function resolvePlainScalar(text: string): unknown {
  if (WORDS.has(text)) return WORDS.get(text);
  if (text === '<<') return text; // the merge key; as a value it is the string "<<"
  const first = text.charCodeAt(0);
  if (first === 0x2e /* . */) {
    // strconv.ParseFloat fails on out-of-range values, so they stay strings.
    if (DOT_FLOAT.test(text)) return finiteOr(Number(text), text);
    return text;
  }
  const isDigit = first >= 0x30 && first <= 0x39;
  if (!isDigit && first !== 0x2b /* + */ && first !== 0x2d /* - */) return text;
  // A timestamp (`2024-01-01`, `2001-12-14 21:59:43.10`) is kept as its text in an interface{} (decode.go:
  // "for backward compatibility reasons we set it as a string"); nothing that starts with four digits and a
  // dash parses as a number either, so it needs no separate test here.
  const plain = text.replaceAll('_', '');
  const integer = goParseInt(plain);
  if (integer !== undefined) return integer;
  if (YAML_STYLE_FLOAT.test(plain)) return finiteOr(Number(plain), text);
  return text;
}

function finiteOr(value: number, text: string): number | string {
  return Number.isFinite(value) ? value : text;
}

/** Every untagged plain scalar goes through `resolvePlainScalar`; quoted and block scalars stay strings. */
const kubectlPlain: ScalarTag = {
  tag: 'tag:yaml.org,2002:kubectl-plain',
  default: true,
  test: /(?:)/,
  resolve: (text, onError) => {
    const value = resolvePlainScalar(text);
    // sigs.k8s.io/yaml then marshals to JSON, which has no NaN or Infinity: kubectl refuses the document.
    if (typeof value === 'number' && !Number.isFinite(value)) {
      onError(`${text} is not a number JSON can hold, so kubectl refuses the document (quote it if it is meant as text)`);
    }
    return value as never;
  },
};

/** `!!int`, `!!float`, `!!bool`, `!!null` on a value: go-yaml resolves the text and fails when the kind differs. */
function explicit(name: string, accepts: (value: unknown) => boolean): ScalarTag {
  return {
    tag: `tag:yaml.org,2002:${name}`,
    default: false,
    resolve: (text, onError) => {
      const value = resolvePlainScalar(text);
      if (!accepts(value)) onError(`cannot decode \`${text}\` as a !!${name}`);
      return value as never;
    },
  };
}

const explicitTags: ScalarTag[] = [
  explicit('int', (value) => typeof value === 'number' && Number.isInteger(value)),
  explicit('float', (value) => typeof value === 'number'),
  explicit('bool', (value) => typeof value === 'boolean'),
  explicit('null', (value) => value === null),
  // decode.go: `!!binary` is base64-decoded into a string; a `!!timestamp` is kept as its text.
  {
    tag: 'tag:yaml.org,2002:binary',
    default: false,
    resolve: (text, onError) => {
      const compact = text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) onError('!!binary value contains invalid base64 data');
      return Buffer.from(compact, 'base64').toString('utf8') as never;
    },
  },
  { tag: 'tag:yaml.org,2002:timestamp', default: false, resolve: (text) => text as never },
];

/**
 * The tag list for `yaml`'s `customTags`: the collections, strings and merge key of the YAML 1.1 schema it is
 * given, then kubectl's scalar rules. The merge tag comes first so a `<<` key still merges.
 */
export function kubectlTags(yaml11: Tags): Tags {
  const keep = (name: string) => yaml11.filter((tag) => typeof tag === 'object' && tag.tag === `tag:yaml.org,2002:${name}`);
  return [...keep('merge'), ...keep('map'), ...keep('seq'), ...keep('str'), kubectlPlain, ...explicitTags];
}
