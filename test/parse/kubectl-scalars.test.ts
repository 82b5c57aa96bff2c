// What kubectl makes of each plain scalar. kubectl reads manifests with sigs.k8s.io/yaml, which decodes with
// its go-yaml v2 fork into interface{} and then marshals JSON. The expected values follow go-yaml v2:
//   resolve.go `resolveMapList` — the only words that are booleans, nulls, NaN and infinities;
//   resolve.go `resolve` — no base-60 ("purposefully unsupported"), integers by strconv.ParseInt(s, 0, 64)
//     after removing `_`, then ParseUint, then floats only when they match `yamlStyleFloat`;
//   decode.go `scalar` — a timestamp decoded into interface{} is kept as its text, `!!binary` is base64-decoded
//     into a string, and a quoted scalar is always a string.
import { describe, expect, it } from 'vitest';
import { resolvePlainScalar } from '../../scripts/lib/parse/kubectl-scalars.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';

const cases: Array<[text: string, kubectl: unknown, why: string]> = [
  ['2024-01-01', '2024-01-01', 'decode.go keeps a timestamp as its text in interface{}'],
  ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00', 'a full timestamp is text too'],
  ['12:30', '12:30', 'no base-60 in go-yaml v2 (YAML 1.1 would say 750)'],
  ['190:20:30', '190:20:30', 'no base-60'],
  ['0o17', 15, 'ParseInt base 0 reads the 0o prefix (Go 1.13+)'],
  ['0644', 420, 'a leading 0 is octal for ParseInt base 0'],
  ['0800', 800, 'not octal, so ParseInt fails; yamlStyleFloat matches: the float 800'],
  ['0x1F', 31, 'hex'],
  ['0b101', 5, 'binary'],
  ['-0x10', -16, 'a sign before the prefix'],
  ['1_000', 1000, 'underscores are removed before ParseInt'],
  ['+12', 12, 'ParseInt takes a sign'],
  ['1e3', 1000, 'a float by yamlStyleFloat'],
  ['1e29', 1e29, 'a float; its range is the schema’s business (int32)'],
  ['1e400', '1e400', 'ParseFloat fails out of range: the text stays'],
  ['.5', 0.5, 'hint "." is ParseFloat'],
  ['-.5', -0.5, 'yamlStyleFloat allows a sign and no integer part'],
  ['1.', 1, 'yamlStyleFloat allows a trailing dot'],
  ['Infinity', 'Infinity', 'not in resolveMap and not yamlStyleFloat'],
  ['NaN', 'NaN', 'only .nan is NaN'],
  ['0x1p3', '0x1p3', 'hex floats are not yamlStyleFloat'],
  ['9223372036854775807', 9223372036854775807, 'int64 max'],
  ['18446744073709551615', 18446744073709551615, 'uint64 max, by ParseUint'],
  ['yes', true, 'YAML 1.1 booleans'],
  ['Off', false, 'YAML 1.1 booleans'],
  ['y', true, 'resolveMapList has y/Y/n/N'],
  ['N', false, 'resolveMapList has y/Y/n/N'],
  ['yEs', 'yEs', 'only the listed spellings'],
  ['~', null, 'null'],
  ['', null, 'an empty value is null'],
  ['Null', null, 'null'],
  ['<<', '<<', 'the merge key, as a value, is text'],
  ['_1', '_1', 'no resolve hint for "_"'],
  ['0o', '0o', 'a prefix without digits'],
  ['1.2.3', '1.2.3', 'a version string'],
  ['-', '-', 'a lone sign'],
];

describe('plain scalars as kubectl reads them (go-yaml v2 resolver)', () => {
  it.each(cases)('%j → %j (%s)', (text, kubectl) => {
    expect(resolvePlainScalar(text)).toEqual(kubectl);
  });
});

const parse = (text: string) => parseResources(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n${text}`, { source: 's', file: 'f.yaml' });

describe('documents as kubectl reads them', () => {
  it('keeps quoted and block scalars as text', () => {
    const { resources } = parse('data:\n  a: "0644"\n  b: \'yes\'\n  c: |\n    12:30\n');
    expect(resources[0]!.object.data).toEqual({ a: '0644', b: 'yes', c: '12:30\n' });
  });

  it('turns boolean and number keys into their JSON text, as sigs.k8s.io/yaml does', () => {
    const { resources } = parse('data:\n  on: a\n  0x10: b\n  n: c\n');
    expect(resources[0]!.object.data).toEqual({ true: 'a', 16: 'b', false: 'c' });
  });

  it('decodes !!binary into text and keeps !!timestamp as text', () => {
    const { resources } = parse('data:\n  a: !!binary aGVsbG8=\n  b: !!timestamp 2001-12-14\n');
    expect(resources[0]!.object.data).toEqual({ a: 'hello', b: '2001-12-14' });
  });

  it('merges `<<` keys', () => {
    const { resources } = parse('x: &base {a: 1, b: 2}\nz:\n  <<: *base\n  b: 3\n');
    expect(resources[0]!.object.z).toEqual({ a: 1, b: 3 });
  });

  it('refuses .inf and .nan values: JSON cannot hold them, so kubectl refuses the document', () => {
    for (const word of ['.inf', '-.Inf', '.nan']) {
      const { resources, findings } = parse(`spec:\n  replicas: ${word}\n`);
      expect(resources).toEqual([]);
      expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 5, message: expect.stringContaining(`${word} is not a number JSON can hold`) })]);
    }
  });

  it('fails an explicit tag whose text is of another kind, as go-yaml does', () => {
    const { findings } = parse('spec:\n  replicas: !!int "three"\n');
    expect(findings[0]).toMatchObject({ rule: 'yaml-syntax', line: 5 });
  });
});
