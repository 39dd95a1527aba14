import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Source notes for the benchmark: the seed note, our own fixtures and, when present, the shared
 * corpus (read in place). Replicas get a varied title, date, a shuffled order of talks and a few
 * unique words, so they are distinct notes with distinct hashes.
 */
export function loadBaseNotes(root: string, corpusNotesDir: string | null): string[] {
  const files = [path.join(root, 'notes'), path.join(root, 'tests/fixtures/own')].flatMap((dir) =>
    readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => path.join(dir, name)),
  );
  if (corpusNotesDir) files.push(...readdirSync(corpusNotesDir).filter((name) => name.endsWith('.md')).map((name) => path.join(corpusNotesDir, name)));
  return files.map((file) => readFileSync(file, 'utf8'));
}

export function makeVariant(base: string, n: number): string {
  const [head, ...talks] = base.split(/\n(?=## )/);
  // Deterministic shuffle so runs are comparable.
  const rotated = talks.length > 1 ? [...talks.slice(n % talks.length), ...talks.slice(0, n % talks.length)] : talks;
  const year = 2015 + (n % 10);
  const month = String((n % 12) + 1).padStart(2, '0');
  const retitled = (head ?? '').replace(/^# (.*)$/m, (_line, title: string) => `# ${year}${month}15 ${title} (replica ${n})`);
  return [retitled, ...rotated, `\n## Replica ${n}\n\n- benchmark-term-${n}\n  - replica number ${n} of a real note\n`].join('\n');
}

/** Writes notes as files replica-<n>.md into `dir` (made if missing), for the CLI path. */
export function writeNotes(dir: string, notes: readonly string[], first = 0): void {
  mkdirSync(dir, { recursive: true });
  notes.forEach((text, offset) => writeFileSync(path.join(dir, `replica-${first + offset}.md`), text));
}
