// The fast YAML reader must read every document exactly as the full parser (`yaml` with kubectl's rules) does,
// or hand it over: same values (key order included), same lines, same problems, same positions. Checked on
// every YAML file of the repository, on the throughput benchmark's input, on edge cases, and on mutations.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { throughputDocuments } from '../../scripts/bench/throughput-input.ts';
import { pointer } from '../../scripts/lib/model.ts';
import { fallbackCount, parseYamlDocuments } from '../../scripts/lib/parse/yaml-documents.ts';
import { parseFull } from '../../scripts/lib/parse/yaml-full.ts';
import { repositoryOverlay } from '../helpers/overlay-renders.ts';
import { EDGE_CASES, mutations } from './fast-reader-inputs.ts';

const ROOT = join(import.meta.dirname, '..', '..');
// A longer search for a disagreement (FAST_READER_POSITIONS=1 also compares every position):
//   FAST_READER_MUTATIONS=50000 FAST_READER_SEED=7 npx vitest run test/parse/fast-reader-agrees.test.ts
const MUTATIONS = Number(process.env.FAST_READER_MUTATIONS ?? 400);
const SEED = Number(process.env.FAST_READER_SEED ?? 13);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    // Dependencies, the build and hidden folders (scratch files, caches) are not the repository's YAML.
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every pointer into a value, the value's own included. */
function pointers(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([key, child]) => pointers(child, at + pointer(key)))];
}

/** What differs between the two readings of `text`, or undefined when they agree. */
export function disagreement(text: string, withPositions = true): string | undefined {
  const full = parseFull(text);
  const fast = parseYamlDocuments(text);
  if (!isDeepStrictEqual(fast.problems, full.problems)) return `problems ${JSON.stringify(fast.problems)} vs ${JSON.stringify(full.problems)}`;
  if (fast.documents.length !== full.documents.length) return `${fast.documents.length} documents vs ${full.documents.length}`;
  for (const [i, doc] of fast.documents.entries()) {
    const other = full.documents[i]!;
    if (!isDeepStrictEqual(doc.value, other.value) || JSON.stringify(doc.value) !== JSON.stringify(other.value)) {
      return `document ${i}: ${JSON.stringify(doc.value)} vs ${JSON.stringify(other.value)}`;
    }
    if (doc.line !== other.line) return `document ${i} at line ${doc.line} vs ${other.line}`;
    if (!withPositions) continue;
    for (const ptr of pointers(doc.value)) {
      if (!isDeepStrictEqual(doc.locate(ptr), other.locate(ptr))) return `document ${i} ${ptr}: ${JSON.stringify(doc.locate(ptr))} vs ${JSON.stringify(other.locate(ptr))}`;
    }
  }
  return undefined;
}

describe('the fast YAML reader agrees with the full parser', () => {
  it('on every YAML file of the repository', () => {
    const files = yamlFiles(ROOT);
    expect(files.length).toBeGreaterThan(250);
    // Each text once: a file that is a byte-for-byte copy of another (some fixtures are) reads as its original.
    const texts = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!texts.has(text)) texts.set(text, file);
    }
    Object.assign(fallbackCount, { documents: 0, texts: 0, positions: 0 });
    const differing = [...texts].flatMap(([text, file]) => {
      const found = disagreement(text);
      return found ? [`${file}: ${found}`] : [];
    });
    expect(differing).toEqual([]);
    // Explained in scripts/lib/parse/README.md: anchors, tags, directives and broken fixtures go to `yaml`.
    expect(fallbackCount.texts + fallbackCount.documents).toBeLessThan(texts.size / 5);
    expect(fallbackCount.positions).toBeLessThan(texts.size / 20);
    console.info(`fast reader on ${files.length} repository files (${texts.size} different texts): handed over ${JSON.stringify(fallbackCount)}`);
  });

  it('on edge cases, each either read alike or handed over', () => {
    const differing = EDGE_CASES.flatMap((text) => {
      const found = disagreement(text);
      return found ? [`${JSON.stringify(text)}: ${found}`] : [];
    });
    expect(differing).toEqual([]);
  });

  it('on mutations of the repository files (a changed character, indent or quote)', { timeout: 60_000 + MUTATIONS * 50 }, () => {
    const sources = yamlFiles(join(ROOT, 'test', 'fixtures')).map((file) => readFileSync(file, 'utf8'));
    const differing: string[] = [];
    let readFast = 0;
    for (const text of mutations(sources, MUTATIONS, SEED)) {
      const before = fallbackCount.texts;
      const found = disagreement(text, process.env.FAST_READER_POSITIONS === '1');
      if (found) differing.push(`${JSON.stringify(text)}: ${found}`);
      if (fallbackCount.texts === before) readFast++;
    }
    expect(differing.slice(0, 5)).toEqual([]);
    // The test has teeth only if the fast reader reads many of the mutated texts rather than handing them over.
    expect(readFast).toBeGreaterThan(MUTATIONS / 5);
  });

  describe('on the throughput benchmark input', () => {
    let input = '';
    beforeAll(() => {
      // overlays/prod as the run rendered it once (test/helpers/overlay-renders.ts). The benchmark cycles
      // through these objects, renaming each copy; two rounds hold every shape it holds, and a renamed copy.
      const objects = repositoryOverlay('overlays/prod').objects;
      input = throughputDocuments(objects, objects.length * 2);
    });

    it('reads every document itself, with no fallback', () => {
      Object.assign(fallbackCount, { documents: 0, texts: 0, positions: 0 });
      expect(disagreement(input)).toBeUndefined();
      expect(fallbackCount).toEqual({ documents: 0, texts: 0, positions: 0 });
    });
  });
});
