// File status for the kustomization walk: what is at a path, without throwing for what is not there.
import { lstatSync, statSync, type Stats } from 'node:fs';

/** The status of `path`, following a link; of the link itself when it leads nowhere; undefined when absent. */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return lstatOrUndefined(path);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Whether anything (a file, a directory, a dangling link) is at `path`. */
export function exists(path: string): boolean {
  return lstatOrUndefined(path) !== undefined;
}
