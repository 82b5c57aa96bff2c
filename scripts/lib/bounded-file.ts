// Reading a small file the repository or the cache supplies, without trusting what the path turns out to be:
// a symbolic link is not followed, a device or FIFO is not read (/dev/zero would never end, a FIFO would
// block), and nothing larger than the caller's bound is loaded into memory.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The file cannot be read safely; the message says why in a few words, for `FILE: <message>`. */
export class UnsafeFileError extends Error {
  constructor(
    message: string,
    /** ENOENT and friends, when the file simply is not there. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The bytes of `file` if it is a regular file (not reached through a symlink at its last component) of at
 * most `maxBytes`. O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; the type
 * is then checked on the open descriptor, so the file cannot be swapped between the check and the read.
 */
export function readBoundedFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UnsafeFileError('is a symbolic link, which is not followed', code);
    throw new UnsafeFileError(`cannot be opened (${code ?? 'error'})`, code);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new UnsafeFileError('is not a regular file');
    if (info.size > maxBytes) throw new UnsafeFileError(`is larger than ${maxBytes} bytes`);
    // Read one byte past the size: a file that grew since fstat is refused, not cut.
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > info.size) throw new UnsafeFileError('changed while it was read');
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
