import type { ModelSummary } from '../llm/prompts/summary-prompt.js';
import type { Note, NoteItem, Section } from '../domain/note.js';
import type { RecapPoint, RecapSummary, RecapTalk, RecapTerm } from '../domain/recap.js';

// The prompt asks for 2-5 points per talk and at most 15 terms; longer lists are cut, not refused.
const MAX_KEY_POINTS = 5;
const MAX_TERMS = 30;

/**
 * Ties a model's recap to the note: a cited line counts only when the note has an item or a
 * heading there (anything else is dropped, never shown as a citation), and each talk gets the
 * heading path of the section it names.
 */
export function groundSummary(note: Note, reply: ModelSummary): RecapSummary {
  const lines = new NoteLines(note);
  return {
    overview: reply.overview,
    talks: reply.talks.map((talk) => groundTalk(lines, talk)).sort((a, b) => a.line - b.line),
    terms: groundTerms(lines, reply.terms),
    speakers: unique(reply.speakers),
  };
}

/** One recap from the recaps of a note's parts: talks in note order (a split section's halves joined), terms and speakers de-duplicated. */
export function mergeRecaps(note: Note, parts: readonly ModelSummary[], overview: string): RecapSummary {
  const lines = new NoteLines(note);
  const talks = new Map<number, RecapTalk>();
  for (const talk of parts.flatMap((part) => part.talks.map((candidate) => groundTalk(lines, candidate)))) {
    const known = talks.get(talk.line);
    if (known) {
      known.keyPoints.push(...talk.keyPoints);
      known.speakers = unique([...known.speakers, ...talk.speakers]);
    } else talks.set(talk.line, talk);
  }
  return {
    overview,
    talks: [...talks.values()].sort((a, b) => a.line - b.line),
    terms: groundTerms(lines, parts.flatMap((part) => part.terms)),
    speakers: unique(parts.flatMap((part) => part.speakers)),
  };
}

function groundTalk(lines: NoteLines, talk: ModelSummary['talks'][number]): RecapTalk {
  const keyPoints: RecapPoint[] = talk.keyPoints.slice(0, MAX_KEY_POINTS).map((point) => withLine({ text: point.text }, lines.cited(point.line)));
  const firstCited = keyPoints.find((point) => point.line !== undefined)?.line;
  const section = lines.sectionAt(talk.line) ?? lines.sectionAt(firstCited) ?? lines.sectionTitled(talk.title);
  return {
    title: talk.title,
    path: section && section.path.length > 0 ? section.path : [talk.title],
    // Line 1 is the note's title: the best citation left for a talk the model placed nowhere.
    line: section?.line ?? 1,
    keyPoints,
    speakers: unique(talk.speakers),
  };
}

function groundTerms(lines: NoteLines, terms: ModelSummary['terms']): RecapTerm[] {
  const seen = new Set<string>();
  const grounded: RecapTerm[] = [];
  for (const term of terms) {
    const key = term.term.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    grounded.push(withLine({ term: term.term, definition: term.definition }, lines.cited(term.line)));
  }
  return grounded.slice(0, MAX_TERMS);
}

function withLine<T extends object>(value: T, line: number | undefined): T & { line?: number } {
  return line === undefined ? value : { ...value, line };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
}

/** The note's citable lines (items and headings) and which section each line belongs to. */
class NoteLines {
  private readonly citable = new Set<number>();
  private readonly sections: Section[];

  constructor(private readonly note: Note) {
    this.sections = [...note.sections].sort((a, b) => a.line - b.line);
    const walk = (items: readonly NoteItem[]): void => {
      for (const item of items) {
        this.citable.add(item.line);
        walk(item.children);
      }
    };
    for (const section of note.sections) {
      if (section.level > 0) this.citable.add(section.line);
      walk(section.items);
    }
  }

  cited(line: number | undefined): number | undefined {
    return line !== undefined && this.citable.has(line) ? line : undefined;
  }

  /** The section a line of the note falls in (the last heading at or above it). */
  sectionAt(line: number | undefined): Section | undefined {
    if (line === undefined || line < 1 || line > this.note.lineCount) return undefined;
    let found: Section | undefined;
    for (const section of this.sections) {
      if (section.line > line) break;
      found = section;
    }
    return found;
  }

  sectionTitled(title: string): Section | undefined {
    const wanted = title.trim().toLowerCase();
    return this.sections.find((section) => section.title.trim().toLowerCase() === wanted);
  }
}
