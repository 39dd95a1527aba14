// `npm run bench:discord`: mention-to-reply time of the Discord bot, offline, through the real
// discord.js Client against the local gateway + REST server the tests use. Writes
// bench/results-discord.json. Not a test: numbers are reported, never asserted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startLocalRedis } from '../src/store/local-redis.js';
import { startDiscordRecap, waitForReply } from '../tests/helpers/discord-recap.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MENTIONS = 200;
const SLASH_COMMANDS = 100;
// The first answers load lazily built tables (loanwords, segmenter); they are not what a user waits for each time.
const WARM_UP = 10;
// discord.js allows itself 50 REST requests per second (Discord's global limit) and holds the
// next one until the second is over. A bench firing answers back to back measures that queue;
// paced below it, it measures recap. Both are reported.
const PACED_INTERVAL_MS = 25;
const QUESTIONS = ['what is Brown Field?', 'サービスメッシュってコンテナ化しないと導入できないの?', 'Envoy', 'what is the recipe for okonomiyaki batter?'];

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const stats = (values: number[]): { p50: number; p99: number; max: number } => ({ p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(Math.max(...values)) });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recap-discord-bench-'));
  const local = process.env.REDIS_URL ? null : await startLocalRedis({ dataDir, persist: false });
  const redisUrl = process.env.REDIS_URL ?? local?.url ?? '';
  const startedAt = performance.now();
  const recap = await startDiscordRecap({ redisUrl });
  const startMs = performance.now() - startedAt;
  const { fake } = recap;

  const mentions = async (intervalMs: number): Promise<number[]> => {
    const times: number[] = [];
    for (let n = 0; n < WARM_UP + MENTIONS; n++) {
      const question = QUESTIONS[n % QUESTIONS.length] ?? '';
      const sent = performance.now();
      const id = fake.sendMessage({ content: `<@${fake.botUser.id}> ${question}`, author: fake.member, mentions: [fake.botUser] });
      await waitForReply(fake, id);
      const elapsed = performance.now() - sent;
      if (n >= WARM_UP) times.push(elapsed);
      if (elapsed < intervalMs) await sleep(intervalMs - elapsed);
    }
    return times;
  };
  const mentionMs = await mentions(PACED_INTERVAL_MS);
  // Let the rate limiter's window pass, so the burst starts from a fresh second.
  await sleep(1_100);
  const burstMs = await mentions(0);

  const ackMs: number[] = [];
  const answerMs: number[] = [];
  await sleep(1_100);
  for (let n = 0; n < SLASH_COMMANDS; n++) {
    await sleep(PACED_INTERVAL_MS * 2); // two requests per command: the deferral and the edit
    const sent = performance.now();
    const { id, token } = fake.sendInteraction({ user: fake.member, subcommand: 'ask', options: { question: QUESTIONS[n % QUESTIONS.length] ?? '' } });
    await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
    ackMs.push(performance.now() - sent);
    await fake.waitForCalls((call) => call.method === 'PATCH' && call.path.includes(`/${token}/messages/@original`));
    answerMs.push(performance.now() - sent);
  }
  await recap.stop();
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
    setup: 'offline (extractive answers), seed note, real discord.js Client, local gateway + REST on 127.0.0.1, one request at a time',
    startToReadyMs: round(startMs),
    mentionToReplyMs: { mentions: MENTIONS, warmUp: WARM_UP, pacedEveryMs: PACED_INTERVAL_MS, ...stats(mentionMs) },
    mentionToReplyBackToBackMs: { mentions: MENTIONS, ...stats(burstMs), note: 'includes waits in discord.js for its 50 requests/s global limit' },
    slashAckMs: { commands: SLASH_COMMANDS, ...stats(ackMs), limit: 'Discord drops interactions not acknowledged within 3000 ms' },
    slashAnswerMs: { commands: SLASH_COMMANDS, ...stats(answerMs) },
  };
  writeFileSync(path.join(root, 'bench/results-discord.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    'recap start -> Discord ready (ms)': { p50: results.startToReadyMs, p99: '', max: '' },
    [`mention -> reply (ms, n=${MENTIONS})`]: { p50: results.mentionToReplyMs.p50, p99: results.mentionToReplyMs.p99, max: results.mentionToReplyMs.max },
    [`  same, back to back (50 req/s limit)`]: { p50: results.mentionToReplyBackToBackMs.p50, p99: results.mentionToReplyBackToBackMs.p99, max: results.mentionToReplyBackToBackMs.max },
    [`/recap ask -> deferred (ms, n=${SLASH_COMMANDS})`]: { p50: results.slashAckMs.p50, p99: results.slashAckMs.p99, max: results.slashAckMs.max },
    [`/recap ask -> answer (ms, n=${SLASH_COMMANDS})`]: { p50: results.slashAnswerMs.p50, p99: results.slashAnswerMs.p99, max: results.slashAnswerMs.max },
  });
  console.log('written to bench/results-discord.json');
}

await main();
