import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/llm/estimate-tokens.js';
import { modelSummarySchema, parseModelReply } from '../../src/llm/prompts/summary-prompt.js';
import { parseNote } from '../../src/notes/parse.js';
import { groundSummary } from '../../src/recap/ground-summary.js';
import { planParts } from '../../src/recap/llm-summary.js';
import { seedNotePath } from '../helpers/corpus.js';

const seed = parseNote(readFileSync(seedNotePath, 'utf8'), { source: seedNotePath });

describe('reading the model reply', () => {
  it('takes the JSON object out of a Markdown fence and reads "L24" as line 24', () => {
    const reply = '```json\n{"overview": "o", "talks": [{"title": "t", "line": "L9", "keyPoints": [{"text": "p", "line": "24"}, "bare point"]}]}\n```';
    const parsed = parseModelReply(reply, modelSummarySchema);
    expect(parsed).toEqual({
      ok: true,
      value: { overview: 'o', talks: [{ title: 't', line: 9, speakers: [], keyPoints: [{ text: 'p', line: 24 }, { text: 'bare point', line: undefined }] }], terms: [], speakers: [] },
    });
  });

  it('says what is wrong with an unusable reply', () => {
    expect(parseModelReply('no json here', modelSummarySchema)).toEqual({ ok: false, problem: 'no JSON object found' });
    expect(parseModelReply('{"talks": []}', modelSummarySchema)).toMatchObject({ ok: false, problem: expect.stringMatching(/^wrong shape: overview/) });
    expect(parseModelReply('{"overview": "x",}', modelSummarySchema)).toMatchObject({ ok: false, problem: expect.stringMatching(/^invalid JSON/) });
  });
});

describe('grounding a recap in the note', () => {
  it('keeps only lines the note has, and takes heading paths from the note', () => {
    const recap = groundSummary(seed, {
      overview: 'o',
      talks: [{ title: 'Mesh', line: 9, speakers: [], keyPoints: [{ text: 'Brown', line: 24 }, { text: 'made up', line: 9999 }, { text: 'blank line', line: 23 }] }],
      terms: [{ term: 'Brown Field', definition: 'd', line: 24 }, { term: 'brown field', definition: 'again', line: 25 }],
      speakers: ['@taiki45', '@taiki45'],
    });
    expect(recap.talks).toEqual([{ title: 'Mesh', path: ['Service Mesh Day Recap Overview'], line: 9, speakers: [], keyPoints: [{ text: 'Brown', line: 24 }, { text: 'made up' }, { text: 'blank line' }] }]);
    expect(recap.terms).toEqual([{ term: 'Brown Field', definition: 'd', line: 24 }]);
    expect(recap.speakers).toEqual(['@taiki45']);
  });

  it('places a talk cited at a wrong heading line by its key points', () => {
    const recap = groundSummary(seed, { overview: 'o', talks: [{ title: 'x', line: undefined, speakers: [], keyPoints: [{ text: 'p', line: 68 }] }], terms: [], speakers: [] });
    expect(recap.talks[0]).toMatchObject({ line: 65 });
  });
});

describe('planning calls', () => {
  it('sends the seed note in one call, and splits it when the context is small', () => {
    expect(planParts(seed, 'en', 16_000, 1_024)).toHaveLength(1);
    const parts = planParts(seed, 'en', 1_000, 200);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flat().map((section) => section.title)).toEqual(expect.arrayContaining(['Service Mesh Day Recap Overview']));
  });

  it('estimates Japanese at a token per character and English at four characters per token', () => {
    expect(estimateTokens('サービスメッシュ')).toBe(8);
    expect(estimateTokens('service mesh')).toBe(3);
  });
});
