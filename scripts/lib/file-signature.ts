// What tells a file unchanged without reading it, as git's index does: a file written or replaced gets another
// inode, size or time. Shared by the render keys and the validators a process keeps.
import type { BigIntStats } from 'node:fs';

/** Device, inode, size, and modification and change times in nanoseconds (no one can set the change time back). */
export function fileSignature(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
