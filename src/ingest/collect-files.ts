import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RecapError } from '../errors.js';

export const NOTE_EXTENSIONS = ['.md', '.markdown', '.txt'];

export function isNoteFile(fileName: string): boolean {
  return NOTE_EXTENSIONS.includes(path.extname(fileName).toLowerCase());
}

/**
 * Expands the paths given to `recap ingest` into note files: files as they are (any extension
 * named explicitly is tried), folders recursively for .md/.markdown/.txt. Hidden folders and
 * node_modules are skipped. A path that does not exist is an error naming it.
 */
export async function collectNoteFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) throw new RecapError('input_not_found', `No such file or folder: ${input}`);
    if (info.isDirectory()) files.push(...(await walk(input)));
    else files.push(input);
  }
  return [...new Set(files)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (entry.isFile() && isNoteFile(entry.name)) found.push(full);
  }
  return found;
}

/** The identity of a file across ingests: its absolute path (so ./a.md and a.md are one note). */
export function fileSourceKey(filePath: string): string {
  return `file:${path.resolve(filePath)}`;
}

/**
 * A name given to content that has no path (stdin, a chat upload). It is a label only, never a
 * path we write to; names with path parts or control characters are refused anyway so that a
 * "../../etc/passwd" cannot pass for something it is not.
 */
export function validateUploadName(name: string): string {
  const trimmed = name.trim();
   
  if (trimmed === '' || trimmed.length > 200 || /[/\\\u0000-\u001f]/.test(trimmed) || trimmed === '.' || trimmed === '..') {
    throw new RecapError('input_bad_name', `Invalid note name "${name.slice(0, 80)}": use a plain file name such as talk.md (no folders).`);
  }
  return trimmed;
}
