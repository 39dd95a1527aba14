import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { feedbackReport } from '../reports/feedback.js';
import { jobsReport } from '../reports/jobs.js';
import { questionsReport } from '../reports/questions.js';
import { usageReport } from '../reports/usage.js';
import { FeedbackStore } from '../store/feedback-store.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { noteLineHref } from './note-outline.js';
import type { WebDeps } from './web-deps.js';
import { stringFields } from './web-schema.js';

/** Failed jobs listed per queue (the oldest are in `recap jobs --failed N`). */
const FAILED_SHOWN = 10;
/** Questions listed; the log keeps more. */
const QUESTIONS_SHOWN = 100;
const USAGE_DAYS = 7;

interface RetryForm {
  queue?: string;
  job?: string;
  _csrf?: string;
}

/**
 * The admin page (always behind the login): jobs per queue with failed jobs' reasons and a retry
 * button, what people asked and what the notes did not answer, feedback votes, token usage.
 */
export function registerAdminPage(app: FastifyInstance, deps: WebDeps): void {
  const queues = (): Queue[] => [deps.runtime.queue, deps.runtime.summarizeQueue, deps.runtime.translateQueue, deps.runtime.postRecapQueue];

  app.get<{ Querystring: { retried?: string } }>('/admin', { schema: { querystring: stringFields('retried') } }, async (request, reply) => {
    const { runtime } = deps;
    const viewer = deps.viewer(request, reply);
    const [jobs, { latest: questions, declined }, { votes }, usage] = await Promise.all([
      jobsReport(queues(), FAILED_SHOWN),
      questionsReport(runtime.questions, QUESTIONS_SHOWN),
      feedbackReport(new FeedbackStore(runtime.redis, runtime.config.keyPrefix)),
      usageReport(runtime.usage, { days: USAGE_DAYS, modelConfigured: runtime.llm !== null, dailyBudget: runtime.config.llm.dailyTokenBudget }),
    ]);
    const { tokensToday: today, dailyBudget: budget } = usage;
    const retryForm = (queue: string, job: string): Html =>
      html`<form method="post" action="/admin/jobs/retry"><input type="hidden" name="_csrf" value="${viewer.csrfToken ?? ''}"><input type="hidden" name="queue" value="${queue}"><input type="hidden" name="job" value="${job}"><button type="submit">Retry</button></form>`;
    const body = html`<h1>Admin</h1>
${request.query.retried ? html`<p role="status">Job ${request.query.retried} is queued again.</p>` : ''}
<h2 id="jobs">Jobs</h2>
<table><thead><tr><th>queue</th><th>waiting</th><th>active</th><th>delayed</th><th>failed</th></tr></thead><tbody>
${jobs.map(({ queue, counts }) => html`<tr><td>${queue}</td><td>${counts.waiting + counts.prioritized}</td><td>${counts.active}</td><td>${counts.delayed}</td><td>${counts.failed}</td></tr>`)}
</tbody></table>
${jobs.flatMap(({ queue, failed }) => failed.map((job) => html`<div class="failed-job"><h3>${queue} · ${job.name} <code>${job.id}</code></h3>
<p class="error">${job.reason || 'no reason recorded'}</p>
<p class="meta">${job.attempts} attempt(s)${job.at ? ` · last ${job.at.slice(0, 19).replace('T', ' ')} UTC` : ''}</p>${retryForm(queue, job.id)}</div>`))}
<h2 id="declined">Asked, and not in the notes (${declined.length})</h2>
<p class="meta">What people asked that the notes do not answer: what to write next.</p>
${declined.length === 0 ? html`<p class="muted">None yet.</p>` : html`<table><thead><tr><th>when</th><th>where</th><th>question</th></tr></thead><tbody>${declined.map((entry) => html`<tr><td>${entry.at.slice(0, 16).replace('T', ' ')}</td><td>${entry.surface}</td><td>${entry.question}</td></tr>`)}</tbody></table>`}
<h2 id="questions">Latest questions (${questions.length})</h2>
${questions.length === 0 ? html`<p class="muted">No questions yet.</p>` : html`<table><thead><tr><th>when</th><th>where</th><th>question</th><th>answered from</th></tr></thead><tbody>${questions.map((entry) => html`<tr><td>${entry.at.slice(0, 16).replace('T', ' ')}</td><td>${entry.surface}</td><td>${entry.question}</td><td>${entry.answered ? (entry.cited ? html`<a href="${noteLineHref(entry.cited.noteId, entry.cited.line)}">${entry.cited.noteId}:${entry.cited.line}</a>` : '') : html`<span class="pill bad">not in the notes</span>`}</td></tr>`)}</tbody></table>`}
<h2 id="feedback">Feedback (${votes.length})</h2>
${votes.length === 0 ? html`<p class="muted">No votes yet: answers in Slack carry “Helpful” / “Not helpful” buttons.</p>` : html`<table><thead><tr><th>when</th><th>vote</th><th>who</th><th>question</th></tr></thead><tbody>${votes.map((vote) => html`<tr><td>${vote.at.slice(0, 16).replace('T', ' ')}</td><td>${vote.value}</td><td>${vote.platform}:${vote.user}</td><td>${vote.question || '(answer expired)'}</td></tr>`)}</tbody></table>`}
<h2 id="usage">Model tokens</h2>
<p>${!usage.modelConfigured ? 'Offline: no model is configured (extractive recaps and answers).' : `Today (UTC): ${today.toLocaleString('en')} tokens${budget > 0 ? ` of a ${budget.toLocaleString('en')} budget (${Math.min(100, Math.round((today / budget) * 100))}%)` : ', no daily budget (LLM_DAILY_TOKEN_BUDGET)'}.`}</p>
${usage.days.length === 0 ? '' : html`<table><thead><tr><th>day</th><th>model</th><th>calls</th><th>prompt</th><th>completion</th><th>total</th></tr></thead><tbody>${usage.days.map((row) => html`<tr><td>${row.day}</td><td>${row.model}</td><td>${row.calls}</td><td>${row.promptTokens}</td><td>${row.completionTokens}</td><td>${row.totalTokens}</td></tr>`)}</tbody></table>`}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Admin', body, current: 'admin', ...viewer }).markup);
  });

  app.post<{ Body: RetryForm }>('/admin/jobs/retry', { preHandler: app.csrfProtection, schema: { body: stringFields('queue', 'job', '_csrf') } }, async (request, reply) => {
    const queue = queues().find((candidate) => candidate.name === request.body.queue);
    const job = queue && typeof request.body.job === 'string' ? await queue.getJob(request.body.job) : undefined;
    if (!job) return reply.code(404).type('text/plain; charset=utf-8').send('No such job: it may have been retried or removed already.');
    if ((await job.getState()) !== 'failed') return reply.redirect(`/admin?${new URLSearchParams({ retried: job.id ?? '' }).toString()}#jobs`, 303);
    await job.retry('failed');
    return reply.redirect(`/admin?${new URLSearchParams({ retried: job.id ?? '' }).toString()}#jobs`, 303);
  });
}
