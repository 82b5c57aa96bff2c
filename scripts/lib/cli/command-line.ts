// What every command shares when it reads its arguments: node's parser, with its errors made usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A bad argument: the command prints one line and exits 2. */
export class UsageError extends Error {}

export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // Node adds a hint on further lines; the command prints one line.
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
}
