/**
 * Prints answer quality per category (ja / en / cross-lingual / paraphrase / typo / unanswerable)
 * over tests/quality/questions.json, the seed note and the shared corpus, plus query latency.
 *
 * Run: node --import tsx scripts/eval-quality.ts [--misses]
 */
import { hasCorpus } from '../tests/helpers/corpus.js';
import { buildQualityIndex, evaluateQuestion, fileKey, formatScores, isSeedOnly, loadQuestions, scoreResults } from '../tests/quality/evaluate.js';

const showMisses = process.argv.includes('--misses');
const started = performance.now();
const index = buildQualityIndex();
const buildMillis = performance.now() - started;
const questions = loadQuestions().filter((question) => hasCorpus || isSeedOnly(question));
// Warm-up so the first questions do not pay for JIT compilation in the latency figures.
for (const question of questions.slice(0, 10)) evaluateQuestion(index, question);
const results = questions.map((question) => evaluateQuestion(index, question));

console.log(`index: ${index.noteIds().length} notes, ${index.size} chunks, built in ${buildMillis.toFixed(0)} ms${hasCorpus ? '' : ' (seed only: shared corpus not found)'}`);
console.log(formatScores(scoreResults(results)));
const latencies = results.map((result) => result.millis).sort((a, b) => a - b);
const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
console.log(`answer latency: p50 ${percentile(50).toFixed(1)} ms, p99 ${percentile(99).toFixed(1)} ms, max ${percentile(100).toFixed(1)} ms`);

if (showMisses) {
  for (const result of results) {
    const { question, answer, rank, groundedCorrectly } = result;
    if (rank === 1 && groundedCorrectly) continue;
    if (question.expect.length === 0 && groundedCorrectly) continue;
    const expected = question.expect.map((e) => `${e.file.slice(0, 40)}:${e.lines.join(',')}`).join(' | ');
    console.log(`\n[${question.category}] ${question.question}  rank=${rank ?? '-'} grounded=${answer.grounded}  expected ${expected}`);
    for (const citation of answer.citations.slice(0, 3)) {
      console.log(`   ${citation.rank}. ${fileKey(citation.source).slice(0, 40)}:${citation.line} ${citation.text.slice(0, 60)} (${citation.score.toFixed(2)})`);
    }
  }
}
