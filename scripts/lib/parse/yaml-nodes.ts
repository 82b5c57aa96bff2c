// Walks of `yaml` node trees that stay linear in the size of the input: no recursion, one set per mapping.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { pointerSegments } from '../model.ts';

/** Nodes and keys these walks touched since the counter was reset: a test doubles the input and compares. */
export const walkSteps = { count: 0 };

export interface DuplicateKey {
  key: string;
  /** Offset of the repeated key in the text. */
  offset: number;
}

/** Keys repeated within one mapping, in document order. Aliases are not followed: each node is seen once. */
export function duplicateKeys(root: Node): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    walkSteps.count++;
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        // A merge key (`<<`) resolves to a symbol and may repeat; collection keys are compared by identity in `yaml`.
        if (isScalar(key) && typeof key.value !== 'symbol') {
          if (seen.has(key.value)) found.push({ key: String(key.value), offset: key.range?.[0] ?? 0 });
          else seen.add(key.value);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Per document: each mapping's pairs by key, built the first time the mapping is searched. */
export type KeyIndex = Map<YAMLMap, Map<string, Pair>>;

function pairsOf(map: YAMLMap, index: KeyIndex): Map<string, Pair> {
  let pairs = index.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items) {
      walkSteps.count++;
      if (isScalar(pair.key)) {
        const key = String(pair.key.value);
        // The last of repeated keys wins, as in the parsed value.
        pairs.set(key, pair as Pair);
      }
    }
    index.set(map, pairs);
  }
  return pairs;
}

/** The deepest node on the pointer's path: a field a patch added points at its nearest parent. */
export function nodeAt(root: Node, ptr: string, index: KeyIndex): Node | undefined {
  let current: Node = root;
  // Where the walk stops is shown at the key that leads there: the line a reader looks for.
  let shown: Node = root;
  for (const segment of pointerSegments(ptr)) {
    walkSteps.count++;
    let next: Node | undefined;
    if (isMap(current)) {
      const pair = pairsOf(current, index).get(segment);
      if (!pair) break;
      shown = pair.key as Node;
      next = (pair.value as Node | null) ?? undefined;
    } else if (isSeq(current) && /^\d+$/.test(segment)) {
      next = current.items[Number(segment)] as Node | undefined;
      if (next) shown = next;
    }
    if (!next) break;
    current = next;
  }
  return shown;
}
