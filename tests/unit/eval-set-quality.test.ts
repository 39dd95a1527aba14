import { describe, expect, it } from 'vitest';
import { hasCorpus, seedNotePath } from '../helpers/corpus.js';
import { buildBaseline } from '../quality/baseline.js';
import { type EvalQuestion, type Figures, buildEvalCorpus, evaluate, figures, formatFigures, isAvailable, loadEvalSet } from '../quality/eval-set.js';

/**
 * Answer quality on the evaluation set of issue 10 (tests/quality/eval-set.json, questions written
 * from the notes by people who never saw the code). Floors sit a little under what the dev split
 * measured when the ranking was tuned on it, so a change that costs real answers fails here; the
 * test split is only reported (scripts/eval-quality.ts), never tuned against.
 */

const questions = loadEvalSet();

function run(files: string[] | undefined, pick: (question: EvalQuestion) => boolean): { ours: Map<string, Figures>; baseline: Map<string, Figures> } {
  const corpus = buildEvalCorpus(files);
  const chosen = questions.filter((question) => pick(question) && isAvailable(corpus, question));
  const ours = figures(chosen.map((question) => evaluate(corpus, question)));
  const reference = buildBaseline(corpus);
  const baseline = figures(chosen.map((question) => evaluate(corpus, question, reference)));
  process.stdout.write(`${formatFigures(ours, baseline)}\n`);
  return { ours, baseline };
}

describe('evaluation set: the shipped seed note alone', () => {
  it('answers the questions about the seed note', () => {
    const seedOnly = (question: EvalQuestion): boolean => question.expect.length > 0 && question.expect.every((expected) => expected.file === 'seed');
    const { ours } = run([seedNotePath], seedOnly);
    // Measured: hit@1 0.82, hit@3 0.88, shows 0.88, answered 0.65 over 17 questions.
    expect(ours.get('all')?.count).toBeGreaterThanOrEqual(15);
    expect(ours.get('all')?.hitAt1).toBeGreaterThanOrEqual(0.7);
    expect(ours.get('all')?.hitAt3).toBeGreaterThanOrEqual(0.8);
    expect(ours.get('all')?.shows).toBeGreaterThanOrEqual(0.75);
  });
});

describe.skipIf(!hasCorpus)('evaluation set: dev split over the seed and the shared corpus', () => {
  const { ours, baseline } = hasCorpus ? run(undefined, (question) => question.split === 'dev') : { ours: new Map<string, Figures>(), baseline: new Map<string, Figures>() };
  const all = (): Figures => ours.get('all') as Figures;

  it('finds the answering line, above the MiniSearch baseline over the same chunks', () => {
    // Measured: hit@1 0.62, hit@3 0.78 (baseline 0.41 / 0.63).
    expect(all().hitAt1).toBeGreaterThanOrEqual(0.58);
    expect(all().hitAt3).toBeGreaterThanOrEqual(0.74);
    expect(all().hitAt1).toBeGreaterThan((baseline.get('all') as Figures).hitAt1);
  });

  it('shows the answering line in the answer text', () => {
    // Measured: 0.74.
    expect(all().shows).toBeGreaterThanOrEqual(0.7);
  });

  it('answers what it can and declines what the notes do not say', () => {
    // Measured: answered 0.71, declined 0.63.
    expect(all().grounding).toBeGreaterThanOrEqual(0.66);
    expect(ours.get('unanswerable')?.grounding).toBeGreaterThanOrEqual(0.55);
  });

  it('keeps who / when / where answerable from bylines and the note\'s head', () => {
    // Measured hit@1: who 0.72, when 0.94, where 0.93.
    expect(ours.get('kind:who')?.hitAt1).toBeGreaterThanOrEqual(0.62);
    expect(ours.get('kind:when')?.hitAt1).toBeGreaterThanOrEqual(0.8);
    expect(ours.get('kind:where')?.hitAt1).toBeGreaterThanOrEqual(0.75);
  });
});
