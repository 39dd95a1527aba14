import { CallTally } from '../llm/call-tally.js';
import { estimateTokens } from '../llm/estimate-tokens.js';
import type { LlmClient } from '../llm/llm-client.js';
import { messagesTokens } from '../llm/messages-tokens.js';
import {
  buildCombineMessages,
  buildSummaryMessages,
  modelOverviewSchema,
  modelSummarySchema,
  renderSectionLines,
  type ModelSummary,
  type PartialOverview,
} from '../llm/prompts/summary-prompt.js';
import { splitSectionLines } from '../llm/split-section.js';
import type { Note, NoteItem, Section } from '../domain/note.js';
import type { TokenUsage } from '../store/usage-store.js';
import { groundSummary, mergeRecaps } from './ground-summary.js';
import type { RecapSummary } from '../domain/recap.js';

/** A recap written by the model, with what it cost. */
export interface LlmRecap {
  summary: RecapSummary;
  usage: TokenUsage;
  /** Every completion requested, corrective retries included. */
  llmCalls: number;
  durationMs: number;
}

// What one talk costs in the reply: title, speakers and up to five one-sentence points, which in
// Japanese run near one token per character. A reply cut off at LLM_MAX_OUTPUT_TOKENS is broken
// JSON, so a call is given no more talks than its reply can hold.
const OUTPUT_TOKENS_PER_TALK = 160;
// The overview, terms and JSON punctuation of one reply.
const OUTPUT_TOKENS_RESERVED = 256;
// Whatever LLM_CONTEXT_TOKENS says, a call carries at least this much note: less is not a recap.
const MIN_INPUT_TOKENS = 256;

/**
 * Writes a recap of a note in a language. A note that fits the model's context (and whose recap
 * fits one reply) takes one call; a longer one is summarized per group of talks (map), and one
 * more call combines the parts' overviews (reduce). Talks, terms and speakers of the parts are
 * merged without the model, so the reduce reply stays small whatever the note's length.
 */
export async function summarizeWithLlm(llm: LlmClient, note: Note, language: string, contextTokens: number): Promise<LlmRecap> {
  const started = Date.now();
  const tally = new CallTally(llm);
  const parts = planParts(note, language, contextTokens, llm.config.maxOutputTokens);
  let summary: RecapSummary;
  if (parts.length === 1) {
    const reply = await tally.askJson(buildSummaryMessages({ note, sections: parts[0] ?? [], language }), modelSummarySchema, 'the recap');
    summary = groundSummary(note, reply);
  } else {
    const partials: ModelSummary[] = [];
    for (const [index, sections] of parts.entries()) {
      const part = { index: index + 1, count: parts.length };
      partials.push(await tally.askJson(buildSummaryMessages({ note, sections, language, part }), modelSummarySchema, `part ${part.index} of the recap`));
    }
    const overviews = partials.map((partial) => ({ overview: partial.overview, talkTitles: partial.talks.map((talk) => talk.title) }));
    const overview = await combineOverviews(tally, note, language, overviews, contextTokens - llm.config.maxOutputTokens);
    summary = mergeRecaps(note, partials, overview);
  }
  return { summary, usage: tally.usage, llmCalls: tally.calls, durationMs: Date.now() - started };
}

/**
 * Groups a note's sections into calls: in note order, each group within the input budget and
 * with no more talks than one reply holds. A section bigger than the budget is split by lines.
 */
export function planParts(note: Note, language: string, contextTokens: number, maxOutputTokens: number): Section[][] {
  const overhead = messagesTokens(buildSummaryMessages({ note, sections: [], language, part: { index: 99, count: 99 } }));
  const inputBudget = Math.max(MIN_INPUT_TOKENS, contextTokens - maxOutputTokens - overhead);
  const talksPerCall = Math.max(1, Math.floor((maxOutputTokens - OUTPUT_TOKENS_RESERVED) / OUTPUT_TOKENS_PER_TALK));
  const pieces = note.sections.filter((section) => section.level > 0 || section.items.length > 0).flatMap((section) => splitSection(section, inputBudget));
  const parts: Section[][] = [];
  let current: Section[] = [];
  let tokens = 0;
  let talks = 0;
  for (const piece of pieces) {
    const cost = estimateTokens(renderSectionLines(piece)) + 1;
    const talk = piece.items.length > 0 ? 1 : 0;
    if (current.length > 0 && (tokens + cost > inputBudget || talks + talk > talksPerCall)) {
      parts.push(current);
      current = [];
      tokens = 0;
      talks = 0;
    }
    current.push(piece);
    tokens += cost;
    talks += talk;
  }
  if (current.length > 0 || parts.length === 0) parts.push(current);
  return parts;
}

/** A section within the budget as is; a bigger one as several copies of its heading, each with some of its lines. */
function splitSection(section: Section, budget: number): Section[] {
  if (estimateTokens(renderSectionLines(section)) <= budget) return [section];
  const headingCost = estimateTokens(renderSectionLines({ ...section, items: [] })) + 1;
  const lineCost = (item: NoteItem): number => estimateTokens(renderSectionLines({ ...section, level: 0, items: [item] })) + 1;
  return splitSectionLines(section, Math.max(1, budget - headingCost), lineCost);
}

/** One overview from the parts' overviews; when even those overflow the context, combined in rounds. */
async function combineOverviews(tally: CallTally, note: Note, language: string, parts: PartialOverview[], inputBudget: number): Promise<string> {
  const budget = Math.max(MIN_INPUT_TOKENS, inputBudget);
  const fits = (group: PartialOverview[]): boolean => messagesTokens(buildCombineMessages({ note, language, parts: group })) <= budget;
  // Two parts that do not fit together cannot be combined in rounds either: ask anyway.
  if (parts.length <= 2 || fits(parts)) {
    return (await tally.askJson(buildCombineMessages({ note, language, parts }), modelOverviewSchema, 'the combined overview')).overview;
  }
  const groups: PartialOverview[][] = [];
  let group: PartialOverview[] = [];
  for (const part of parts) {
    // Two per group at least, so every round halves the parts and the rounds end.
    if (group.length >= 2 && !fits([...group, part])) {
      groups.push(group);
      group = [];
    }
    group.push(part);
  }
  groups.push(group);
  const combined: PartialOverview[] = [];
  for (const members of groups) {
    const overview = members.length === 1 ? (members[0]?.overview ?? '') : await combineOverviews(tally, note, language, members, budget);
    combined.push({ overview, talkTitles: members.flatMap((member) => member.talkTitles) });
  }
  return combineOverviews(tally, note, language, combined, budget);
}
