import type { NoteItem, Section } from '../domain/note.js';

/**
 * Splits a section too big for one call into copies of it, each with consecutive lines whose
 * summed `lineCost` stays within `budget`. Items are flattened (prompts indent lines by their
 * depth, not by nesting, so a piece reads exactly like the original). A single line costing more
 * than the whole budget (a pasted log, say) is cut to fit.
 */
export function splitSectionLines(section: Section, budget: number, lineCost: (item: NoteItem) => number): Section[] {
  const pieces: Section[] = [];
  let items: NoteItem[] = [];
  let tokens = 0;
  for (const item of flattenItems(section.items)) {
    const fitted = fitItem(item, budget, lineCost);
    const cost = lineCost(fitted);
    if (items.length > 0 && tokens + cost > budget) {
      pieces.push({ ...section, items });
      items = [];
      tokens = 0;
    }
    items.push(fitted);
    tokens += cost;
  }
  if (items.length > 0) pieces.push({ ...section, items });
  return pieces;
}

/** Every item at every depth, in document order, without children. */
export function flattenItems(items: readonly NoteItem[]): NoteItem[] {
  return items.flatMap((item) => [{ ...item, children: [] }, ...flattenItems(item.children)]);
}

function fitItem(item: NoteItem, budget: number, lineCost: (item: NoteItem) => number): NoteItem {
  if (lineCost(item) <= budget) return item;
  let text = item.text.slice(0, budget);
  while (text.length > 0 && lineCost({ ...item, text: `${text}…` }) > budget) text = text.slice(0, Math.floor(text.length * 0.9));
  return { ...item, text: `${text}…` };
}
