import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from '../../src/search/search-index.js';
import { hasCorpus, seedNotePath } from '../helpers/corpus.js';
import {
  type CategoryScore,
  type QualityQuestion,
  buildQualityIndex,
  evaluateQuestion,
  formatScores,
  isSeedOnly,
  loadQuestions,
  scoreResults,
} from '../quality/evaluate.js';

/**
 * Answer quality over tests/quality/questions.json. Floors sit a little below what was measured
 * (see scripts/eval-quality.ts for per-category numbers), so a ranking change that costs real
 * answers fails here.
 */

const questions = loadQuestions();
const unanswerable = (question: QualityQuestion): boolean => question.expect.length === 0;

function run(index: SearchIndex, subset: QualityQuestion[]): Record<string, CategoryScore> {
  const scores = scoreResults(subset.map((question) => evaluateQuestion(index, question)));
  process.stdout.write(`${formatScores(scores)}\n`);
  return scores;
}

describe('answer quality: seed note only', () => {
  it('answers questions about the seed note and declines unrelated ones', () => {
    const scores = run(buildQualityIndex([seedNotePath]), questions.filter((question) => isSeedOnly(question) || unanswerable(question)));
    // Measured: hit@1 0.82, hit@3 0.91 over 22 questions; every unrelated question declined.
    expect(scores.all?.hitAt1).toBeGreaterThanOrEqual(0.75);
    expect(scores.all?.hitAt3).toBeGreaterThanOrEqual(0.85);
    expect(scores.unanswerable?.grounding).toBeGreaterThanOrEqual(0.9);
  });
});

describe.skipIf(!hasCorpus)('answer quality: seed note and shared corpus', () => {
  let scores: Record<string, CategoryScore>;
  beforeAll(() => {
    scores = run(buildQualityIndex(), questions);
  });

  it('puts an acceptable citation first or in the top three', () => {
    // Measured: hit@1 0.81, hit@3 0.93 over 133 answerable questions.
    expect(scores.all?.hitAt1).toBeGreaterThanOrEqual(0.75);
    expect(scores.all?.hitAt3).toBeGreaterThanOrEqual(0.88);
  });

  it('keeps every category useful', () => {
    // Measured hit@3: ja 0.96, en 0.94, cross-lingual 1.00, paraphrase 0.77, typo 0.82.
    expect(scores.ja?.hitAt3).toBeGreaterThanOrEqual(0.9);
    expect(scores.en?.hitAt3).toBeGreaterThanOrEqual(0.88);
    expect(scores.cross?.hitAt3).toBeGreaterThanOrEqual(0.92);
    // Kanji terms (運用 ↔ operations): measured cross-lingual hit@1 0.93 (0.63 without them),
    // 0.81 since answers cite the answering line near a hit (tuned on the evaluation set's dev split).
    expect(scores.cross?.hitAt1).toBeGreaterThanOrEqual(0.75);
    expect(scores.paraphrase?.hitAt3).toBeGreaterThanOrEqual(0.69);
    expect(scores.typo?.hitAt3).toBeGreaterThanOrEqual(0.72);
  });

  it('says "not in the notes" for unrelated questions and answers the rest', () => {
    // Measured: 0.93 of answerable questions grounded (cross-lingual 0.93); all 15 unrelated ones declined.
    expect(scores.all?.grounding).toBeGreaterThanOrEqual(0.88);
    expect(scores.cross?.grounding).toBeGreaterThanOrEqual(0.85);
    expect(scores.unanswerable?.grounding).toBeGreaterThanOrEqual(0.9);
  });
});
