// Inputs for the fast reader's differential test: YAML that is easy to misread, and seeded random mutations.

export const EDGE_CASES: readonly string[] = [
  'a: 1\n...\nb: 2\n',
  'a: 1\n--- # comment\nb: 2\n---\n',
  '--- \na: 1\n',
  '---\n---\n',
  '# only a comment\n',
  '',
  'a:\n- 1\n- 2\nb: 3\n',
  'a:\n  - 1\n  -\n  - 3\n',
  'a: [1, 2, {b: c}]\nd: {e: [f]}\n',
  'a: [1, 2\n  , 3]\n',
  'a: {b: c, b: d}\n',
  'a: b: c\n',
  'a: "x\n  y"\n',
  'a: "x\ny"\n',
  'a: "x\n\n  y"\n',
  'a: "x \\\n   y"\n',
  'a: "x\\\n\n  y"\n',
  "a: 'x\n  y''s'\n",
  "a: 'x   \n   y'\n",
  'a: "trailing  \n  spaces"\n',
  'a: "\\x41\\u00e9\\U0001F600\\t\\""\n',
  'a: "\\q"\n',
  'a: "unterminated\n',
  'a: "x\n---\ny"\n',
  '- "x\n  y"\n- "p\n q"\n',
  'k:\n  - "x\n    y"\n  - "x\n  y"\n',
  'a: plain\n  continued\n  again\n',
  'a: plain\n\n  after empty\n',
  'a: plain # comment\n  continued\n',
  'a: b # c\nd: e#f\n',
  'a: ::/0\nb: :x\nc: ?y\nd: -z\n',
  'a: - x\n',
  'a: ? x\n',
  '- ? x\n- : y\n',
  'a: |\n  x\n   y\n  z\n',
  'a: |2\n   x\n',
  'a: >\n  x\n  y\n\n  z\n   w\n  v\n',
  'a: |-\n  x\n\n',
  'a: |+\n  x\n\n\nb: 1\n',
  'a: |\n\n  x\n',
  'a: |\n   \n  x\n',
  'a: >-\n\n',
  'a: |\nb: 1\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '<<: {a: 1}\nb: 2\n',
  '__proto__: 1\n',
  '? a\n: b\n',
  '"a b": 1\n\'c\': 2\n',
  '"a": 1\n"a": 2\n',
  '1: a\n0x10: b\ntrue: c\n~: d\n',
  'a: 0o17\nb: 017\nc: 0x1F\nd: 0b101\ne: 1_000\nf: 12:30\ng: 2024-01-01\nh: 1e3\ni: .5\nj: -.inf\nk: .NaN\nl: 9223372036854775808\n',
  'a: y\nb: N\nc: On\nd: off\ne: NULL\nf: ~\n',
  'a:\tb\n',
  'a: b\r\nc: d\r\n',
  '  a: 1\n  b: 2\n',
  '  a: 1\n b: 2\n',
  'a:\n  b: 1\n c: 2\n',
  'a:\n  b: 1\n   c: 2\n',
  '- a\n-b\n',
  '- - a\n  - b\n',
  '-\n  a: 1\n',
  'a: "x" y\n',
  'a: [b]c\n',
  'a: @x\n',
  'a: `x\n',
  'a: %x\n',
  '%YAML 1.1\n---\na: 1\n',
  '\uFEFFa: 1\n',
  'a: 1\n\uFEFF',
  'a: x:y\nb: x: y\n',
  'a:b\n',
  'a: [a: b]\n',
  'a: {a}\n',
  'a: [,]\n',
  'a: []\nb: {}\nc: ""\nd: \'\'\n',
  'a: "#"\nb: \'#\'\nc: a#b\n',
  'key with spaces: v\n',
  'a: "é ✓ 😀"\n',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: x}\n',
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [': ', ':', '#', ' #', '"', "'", '- ', '-', '  ', ' ', '\t', '|', '>', '&a ', '*a', '!!str ', '[', ']', '{', '}', ',', '? ', '---', '...', '\\', '\n', '\n\n', '%', '@', '0o1', '.inf', '~'];

/** `count` texts, each one of `sources` with one to three small edits. */
export function* mutations(sources: readonly string[], count: number, seed = 13): Generator<string> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  for (let n = 0; n < count; n++) {
    const lines = pick(sources).split('\n');
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) {
      const row = Math.floor(next() * lines.length);
      const line = lines[row]!;
      const at = Math.floor(next() * (line.length + 1));
      switch (Math.floor(next() * 5)) {
        case 0:
          lines[row] = line.slice(0, at) + pick(TOKENS) + line.slice(at);
          break;
        case 1:
          lines[row] = line.slice(0, at) + line.slice(at + 1);
          break;
        case 2:
          lines[row] = next() < 0.5 ? ` ${line}` : line.replace(/^ {1,2}/, '');
          break;
        case 3:
          lines.splice(row, 0, line);
          break;
        default:
          lines.splice(row, 2, `${line}${lines[row + 1] ?? ''}`);
      }
    }
    yield lines.join('\n');
  }
}
