import path from 'node:path';
import { createHash } from 'node:crypto';

const MAX_ID_CHARS = 80;
// Generic file names say nothing; their folder names the event (2019/0416-cndf/README.md).
const GENERIC_NAMES = new Set(['readme', 'index', 'notes', 'note']);

/**
 * Proposes a stable id from a note's file name: a lowercase ASCII slug of the base name,
 * or `note-<8 hex>` (after any ASCII part) when the name has non-ASCII characters.
 * The store may suffix it when two notes propose the same id.
 */
export function noteIdFromSource(source: string): string {
  const name = baseName(source);
  const slug = slugify(name);
  if (/[^\x00-\x7f]/.test(name)) {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
    return slug.length >= 3 ? `${truncate(slug, MAX_ID_CHARS - 9)}-${hash}` : `note-${hash}`;
  }
  return slug === '' ? 'note' : truncate(slug, MAX_ID_CHARS);
}

/** File name without folders, extension or "stdin:" prefix; the folder name for README-like files. */
export function baseName(source: string): string {
  const withoutScheme = source.replace(/^stdin:/, '');
  const parsed = path.parse(withoutScheme.replace(/\\/g, '/'));
  if (GENERIC_NAMES.has(parsed.name.toLowerCase()) && parsed.dir !== '') {
    return path.basename(parsed.dir);
  }
  return parsed.name;
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

function truncate(slug: string, max: number): string {
  return slug.slice(0, max).replace(/-+$/, '');
}
