/**
 * Answer quality, offline (extractive), over the seed note and the shared corpus:
 * - the evaluation set (tests/quality/eval-set.json), one split: hit@1, hit@3, "the answer shows
 *   the answering line", answerable questions answered, unanswerable ones declined, per group
 *   (language, cross-lingual, chatty, typo, question kind), with a MiniSearch baseline over the
 *   same chunks and tokenizer beside it;
 * - the regression set (tests/quality/questions.json), the questions written while tuning.
 *
 * Run: node --import tsx scripts/eval-quality.ts [--split test|dev|all] [--misses] [--json]
 * Tune on dev; report test.
 */
import { parseArgs } from 'node:util';
import { groundedSources } from '../src/recap/grounded-answer.js';
import { hasCorpus } from '../tests/helpers/corpus.js';
import { buildBaseline } from '../tests/quality/baseline.js';
import { type EvalResult, buildEvalCorpus, evaluate, figures, formatFigures, isAvailable, lineText, loadEvalSet, noteKey } from '../tests/quality/eval-set.js';
import { buildQualityIndex, evaluateQuestion, formatScores, isSeedOnly, loadQuestions, scoreResults } from '../tests/quality/evaluate.js';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'test' },
    misses: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const split = values.split;
if (!['test', 'dev', 'all'].includes(split)) {
  console.error(`--split must be test, dev or all (got "${split}")`);
  process.exit(2);
}

const started = performance.now();
const corpus = buildEvalCorpus();
const buildMillis = performance.now() - started;
const questions = loadEvalSet().filter((question) => (split === 'all' || question.split === split) && isAvailable(corpus, question));
const results = questions.map((question) => evaluate(corpus, question));
const baseline = buildBaseline(corpus);
const baselineResults = questions.map((question) => evaluate(corpus, question, baseline));
const ours = figures(results);
const reference = figures(baselineResults);

if (values.json) {
  console.log(JSON.stringify({ split, ours: Object.fromEntries(ours), baseline: Object.fromEntries(reference) }, null, 2));
  process.exit(0);
}

console.log(`index: ${corpus.notes.size} notes, ${corpus.index.size} chunks, built in ${buildMillis.toFixed(0)} ms${hasCorpus ? '' : ' (seed only: shared corpus not found)'}`);
console.log(`\nevaluation set, split ${split} (base@1/base@3: MiniSearch, same chunks and tokenizer)`);
console.log(formatFigures(ours, reference));
const all = ours.get('all');
const base = reference.get('all');
if (all && base && base.hitAt1 > 0 && base.hitAt3 > 0) {
  console.log(`lift over the baseline: hit@1 x${(all.hitAt1 / base.hitAt1).toFixed(2)}, hit@3 x${(all.hitAt3 / base.hitAt3).toFixed(2)}`);
}
// With a model: how often the answering line is among the lines sent to it (the sections around
// the grounded hits; a question retrieval cannot ground is not sent at all, offline).
const answerable = questions.filter((question) => question.expect.length > 0);
let sentAnswering = 0;
let sentAny = 0;
for (const question of answerable) {
  const { sent } = groundedSources(corpus.index, question.question);
  if (sent.size > 0) sentAny++;
  const found = question.expect.some((expected) => {
    const id = corpus.notes.get(expected.file)?.note.id;
    return expected.answer.some((line) => sent.has(`${id}:${line}`));
  });
  if (found) sentAnswering++;
}
const share = (count: number, of: number): string => (of === 0 ? '-' : (count / of).toFixed(2));
console.log(`with a model: recall@sent ${share(sentAnswering, answerable.length)} (answering line among the lines sent; ${share(sentAny, answerable.length)} of questions sent at all)`);
const latencies = results.map((result) => result.millis).sort((a, b) => a - b);
const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
console.log(`answer latency: p50 ${percentile(50).toFixed(1)} ms, p99 ${percentile(99).toFixed(1)} ms`);

const regressionIndex = buildQualityIndex();
const regression = loadQuestions().filter((question) => hasCorpus || isSeedOnly(question) || question.expect.length === 0);
console.log('\nregression set (tests/quality/questions.json, written while tuning)');
console.log(formatScores(scoreResults(regression.map((question) => evaluateQuestion(regressionIndex, question)))));

if (values.misses) for (const result of results) printMiss(result);

function printMiss(result: EvalResult): void {
  const { question, answer, rank, shows } = result;
  const answerable = question.expect.length > 0;
  if (answerable ? rank === 1 && shows && answer.grounded : !answer.grounded) return;
  const expected = question.expect.map((e) => `${e.file.slice(0, 44)}:${e.answer.join(',')}(${e.context.join(',')})`).join(' | ');
  console.log(`\n[${question.id} ${question.lang} ${question.kind}${result.cross ? ' cross' : ''}] ${question.question}`);
  console.log(`   rank=${rank ?? '-'} shows=${shows} grounded=${answer.grounded}  expected ${expected}`);
  for (const e of question.expect) {
    const note = corpus.notes.get(e.file);
    if (note) for (const line of e.answer) console.log(`   want L${line}: ${lineText(note, line).slice(0, 80)}`);
  }
  for (const citation of answer.citations.slice(0, 3)) {
    console.log(`   ${citation.rank}. ${noteKey(citation.source).slice(0, 44)}:${citation.line} ${citation.text.slice(0, 60)} (${citation.score.toFixed(2)})`);
  }
  console.log(`   answer: ${answer.answer.replace(/\n/g, ' ⏎ ').slice(0, 200)}`);
}
