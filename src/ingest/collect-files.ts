import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { RecapError } from '../errors.js';
import { printable } from '../printable.js';
import { fileReadError, fsErrorCode } from './file-errors.js';

export const NOTE_EXTENSIONS = ['.md', '.markdown', '.txt'];

export function isNoteFile(fileName: string): boolean {
  return NOTE_EXTENSIONS.includes(path.extname(fileName).toLowerCase());
}

/** A path a folder walk left out, and why (it is reported, never skipped silently). */
export interface SkippedPath {
  path: string;
  reason: string;
}

export interface CollectedFiles {
  /** Note files to ingest, each real file once. */
  files: string[];
  skipped: SkippedPath[];
}

/**
 * Expands the paths given to `recap ingest` into note files: files as they are (any extension
 * named explicitly is tried), folders recursively for .md/.markdown/.txt. Hidden folders and
 * node_modules are skipped. Symbolic links are followed, to files and folders inside or outside
 * the folder; a file reached twice (a link beside its target) is ingested once and a link back
 * into a folder already walked is not walked again: both are reported as skipped, as are folders
 * that cannot be read. A broken link with a note's name is kept, so that its ingest fails saying
 * where it points. A path given that does not exist is an error naming it.
 */
export async function collectNoteFiles(inputs: string[]): Promise<CollectedFiles> {
  const walk = new FolderWalk();
  for (const input of inputs) {
    const info = await stat(input).catch((error: unknown) => {
      const code = fsErrorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new RecapError('input_not_found', `No such file or folder: ${printable(input)}`);
      // Unreadable (a link loop, no permission): its ingest fails saying why, like any file's.
      return null;
    });
    if (info?.isDirectory() === true) await walk.folder(input);
    else await walk.file(input);
  }
  return { files: walk.files, skipped: walk.skipped };
}

class FolderWalk {
  readonly skipped: SkippedPath[] = [];
  // Files by real path, with the path they are ingested by; folders by real path (walked once).
  private readonly files_ = new Map<string, { path: string; viaLink: boolean }>();
  private readonly brokenLinks: string[] = [];
  private readonly folders = new Map<string, string>();

  get files(): string[] {
    return [...[...this.files_.values()].map((file) => file.path), ...this.brokenLinks];
  }

  async file(file: string): Promise<void> {
    const real = await realpath(file).catch(() => null);
    // A broken link: kept, its ingest reports it (file-errors.ts).
    if (real === null) return void this.brokenLinks.push(file);
    const viaLink = path.resolve(file) !== real;
    const first = this.files_.get(real);
    if (first === undefined) {
      this.files_.set(real, { path: file, viaLink });
    } else if (first.path !== file) {
      // The file itself is ingested under its own name rather than a link's.
      const [kept, dropped] = first.viaLink && !viaLink ? [file, first.path] : [first.path, file];
      if (kept === file) this.files_.set(real, { path: file, viaLink });
      this.skipped.push({ path: dropped, reason: `the same file as ${printable(kept)}` });
    }
  }

  async folder(dir: string): Promise<void> {
    const real = await realpath(dir).catch(() => dir);
    const first = this.folders.get(real);
    if (first !== undefined) {
      this.skipped.push({ path: dir, reason: `a link to the folder ${printable(first)}, already read` });
      return;
    }
    this.folders.set(real, dir);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const reason = await fileReadError(error, dir);
      this.skipped.push({ path: dir, reason: `folder not read: ${reason instanceof Error ? reason.message : String(reason)}` });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const kind = entry.isSymbolicLink() ? await linkTargetKind(full) : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
      if (kind === 'folder') await this.folder(full);
      else if (!isNoteFile(entry.name)) continue;
      else if (kind === 'file' || kind === 'broken') await this.file(full);
      else this.skipped.push({ path: full, reason: 'not a regular file (a pipe, socket or device)' });
    }
  }
}

async function linkTargetKind(link: string): Promise<'file' | 'folder' | 'broken' | 'other'> {
  try {
    const info = await stat(link);
    return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'broken';
  }
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
