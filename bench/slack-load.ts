// Slack's side of `npm run bench:slack`, in a process of its own (as Slack is another system):
// the local Web API that recap posts to, and the load — signed slash commands, 20 at a time,
// then @mentions one by one. Talks to bench/slack-bench.ts over IPC.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { FakeSlackApi } from '../tests/helpers/fake-slack-api.js';
import { eventEnvelope, mentionEvent, slashCommandBody, slackSignature } from '../tests/helpers/slack-requests.js';

export interface LoadPlan {
  port: number;
  secret: string;
  commands: number;
  concurrency: number;
  warmUp: number;
  mentions: number;
  questions: string[];
}

export interface LoadResults {
  acksMs: number[];
  commandsSeconds: number;
  answersMs: number[];
}

/** One slash command sent while probing: when it was sent (epoch ms) and how long its ack took. */
export interface ProbeSample {
  sentAt: number;
  ackMs: number;
}

type ParentMessage = { type: 'go'; plan: LoadPlan } | { type: 'probe'; plan: LoadPlan; everyMs: number } | { type: 'end-probe' } | { type: 'stop' };

let probing = false;

/** One slash command at a time, every `everyMs`, until told to end: acks seen by someone waiting. */
async function runProbe(plan: LoadPlan, everyMs: number): Promise<ProbeSample[]> {
  const samples: ProbeSample[] = [];
  probing = true;
  for (let n = 0; probing; n += 1) {
    const sentAt = Date.now();
    const body = slashCommandBody(`ask ${plan.questions[n % plan.questions.length]}`, { responseUrl: api.responseUrl() }, api.teamId);
    const result = await post(plan, body, 'application/x-www-form-urlencoded');
    if (result.status !== 200) throw new Error(`slash command answered ${result.status}`);
    samples.push({ sentAt, ackMs: result.ms });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - result.ms)));
  }
  return samples;
}

const api = new FakeSlackApi();
await api.start();
// One keep-alive connection per lane, as a load balancer in front of recap would hold.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(plan: LoadPlan, body: string, contentType: string): Promise<{ status: number; ms: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: plan.port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(plan.secret, timestamp, body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function runCommands(plan: LoadPlan, count: number): Promise<number[]> {
  const acks: number[] = [];
  const urls: string[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const n = next;
      next += 1;
      const responseUrl = api.responseUrl();
      urls.push(responseUrl);
      const result = await post(plan, slashCommandBody(`ask ${plan.questions[n % plan.questions.length]}`, { responseUrl }, api.teamId), 'application/x-www-form-urlencoded');
      if (result.status !== 200) throw new Error(`slash command answered ${result.status}`);
      acks.push(result.ms);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, lane));
  // Every command's answer arrives too (the work after the ack) before the next phase.
  const answered = new Set<string>();
  await api.waitFor(() => {
    for (const response of api.responses) answered.add(response.id);
    return urls.every((url) => answered.has(url.split('/').at(-1) ?? ''));
  }, 60_000, 'every command answer');
  return acks;
}

async function runMentions(plan: LoadPlan): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < plan.mentions; n += 1) {
    const updates = api.callsOf('chat.update').length;
    const event = mentionEvent(plan.questions[n % plan.questions.length] ?? 'Envoy', { ts: `1800000000.${String(n).padStart(6, '0')}` });
    const started = performance.now();
    await post(plan, JSON.stringify(eventEnvelope(event, { teamId: api.teamId })), 'application/json');
    await api.waitFor(() => api.callsOf('chat.update').length > updates, 10_000, `the answer to mention ${n}`);
    times.push(performance.now() - started);
  }
  return times;
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') {
    void api.stop().then(() => process.exit(0));
    return;
  }
  if (message.type === 'end-probe') {
    probing = false;
    return;
  }
  if (message.type === 'probe') {
    runProbe(message.plan, message.everyMs).then(
      (samples) => process.send?.({ type: 'probe-results', samples }),
      (error: unknown) => process.send?.({ type: 'error', message: error instanceof Error ? error.stack : String(error) }),
    );
    return;
  }
  void (async () => {
    const { plan } = message;
    await runCommands(plan, plan.warmUp);
    const started = performance.now();
    const acksMs = await runCommands(plan, plan.commands);
    const commandsSeconds = (performance.now() - started) / 1000;
    const answersMs = await runMentions(plan);
    const results: LoadResults = { acksMs, commandsSeconds, answersMs };
    process.send?.({ type: 'results', results });
  })().catch((error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  });
});

// If the bench process dies, so does its load: an orphan would hold the terminal's output open.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', apiUrl: api.apiUrl, botToken: api.botToken });
