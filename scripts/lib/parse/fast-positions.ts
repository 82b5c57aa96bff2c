// Positions inside a one-line flow collection (fast-locate.ts reads that line again with notes): every key and
// item is noted where it starts, and a pointer is followed through those notes the way yaml-nodes.ts `nodeAt`
// follows `yaml`'s nodes (a key shows at the key, an item where the item starts).
import type { Position } from '../model.ts';
import { walkSteps } from './yaml-nodes.ts';

/** Where something starts: 0-based row and column, or undefined where the reader cannot say as `yaml` would. */
type At = readonly [row: number, column: number] | undefined;

export class PositionNotes {
  private readonly keys = new Map<object, Map<string, At>>();
  private readonly items = new Map<object, At[]>();

  key(map: object, key: string, row: number, column: number): void {
    walkSteps.count++;
    let keys = this.keys.get(map);
    if (!keys) this.keys.set(map, (keys = new Map()));
    // `yaml` indexes a null key as "null" while the value names it "": such a map is left to `yaml`.
    keys.set(key, key === '' ? undefined : [row, column]);
  }

  item(list: object, index: number, at: At): void {
    let items = this.items.get(list);
    if (!items) this.items.set(list, (items = []));
    items[index] = at;
  }

  /**
   * The position `yaml` would give the pointer's segments inside `root` (a value read with these notes), 'unknown'
   * where only `yaml` can tell. `rootAt` is where the document's content starts; `firstRow` turns rows into lines.
   */
  locateSegments(root: unknown, rootAt: At, segments: readonly string[], firstRow: number): Position | 'unknown' {
    let current = root;
    let shown = rootAt;
    for (const segment of segments) {
      walkSteps.count++;
      if (current === null || typeof current !== 'object') break;
      if (Array.isArray(current)) {
        if (!/^\d+$/.test(segment) || Number(segment) >= current.length) break;
        shown = this.items.get(current)?.[Number(segment)];
        if (!shown) return 'unknown';
        current = current[Number(segment)];
      } else {
        const keys = this.keys.get(current);
        if (!keys?.has(segment)) break;
        shown = keys.get(segment);
        if (!shown) return 'unknown';
        current = (current as Record<string, unknown>)[segment];
      }
    }
    if (!shown) return 'unknown';
    return { line: shown[0] + firstRow + 1, column: shown[1] + 1 };
  }
}
