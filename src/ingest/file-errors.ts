import { lstat, readlink } from 'node:fs/promises';
import { RecapError, type RecapErrorCode } from '../errors.js';
import { printable } from '../printable.js';

// Node's fs error codes as sentences a user can act on ("file not found: notes/x.md"), instead
// of "Error: ENOENT: no such file or directory, open 'notes/x.md'".
const FS_ERRORS: Record<string, { code: RecapErrorCode; sentence: string }> = {
  ENOENT: { code: 'input_not_found', sentence: 'file not found' },
  ENOTDIR: { code: 'input_not_found', sentence: 'file not found (a part of the path is a file, not a folder)' },
  EACCES: { code: 'input_unreadable', sentence: 'permission denied' },
  EPERM: { code: 'input_unreadable', sentence: 'permission denied' },
  EISDIR: { code: 'input_unreadable', sentence: 'a folder, not a file' },
  ELOOP: { code: 'input_unreadable', sentence: 'too many symbolic links (a link loop)' },
  EMFILE: { code: 'input_unreadable', sentence: 'too many files open at once (try fewer files, or raise `ulimit -n`)' },
  ENFILE: { code: 'input_unreadable', sentence: 'too many files open on this machine (try again in a moment)' },
  ENAMETOOLONG: { code: 'input_unreadable', sentence: 'the path is too long' },
  EIO: { code: 'input_unreadable', sentence: 'the disk could not be read (I/O error)' },
  EBUSY: { code: 'input_unreadable', sentence: 'the file is busy' },
  ENXIO: { code: 'input_unreadable', sentence: 'not a readable file (a device or socket)' },
  ENODEV: { code: 'input_unreadable', sentence: 'not a readable file (a device)' },
};

/** The error code of a Node fs error, if it is one. */
export function fsErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/**
 * A failed read of `file` as a RecapError whose message says what happened and names the file
 * (control characters shown escaped). A broken symbolic link says where it points.
 * Errors that are not fs errors are returned unchanged.
 */
export async function fileReadError(error: unknown, file: string): Promise<unknown> {
  const code = fsErrorCode(error);
  if (code === null || error instanceof RecapError) return error;
  const known = FS_ERRORS[code];
  const shown = printable(file);
  if (code === 'ENOENT') {
    const target = await brokenLinkTarget(file);
    if (target !== null) return new RecapError('input_not_found', `broken symbolic link: ${shown} points to ${printable(target)}, which does not exist`, { cause: error });
  }
  if (!known) return new RecapError('input_unreadable', `could not read ${shown} (${code})`, { cause: error });
  return new RecapError(known.code, `${known.sentence}: ${shown}`, { cause: error });
}

async function brokenLinkTarget(file: string): Promise<string | null> {
  try {
    const info = await lstat(file);
    return info.isSymbolicLink() ? await readlink(file) : null;
  } catch {
    return null;
  }
}
