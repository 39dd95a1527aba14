import type { FastifyInstance } from 'fastify';
import { describeSchedule, formatIn } from '../schedule/describe-schedule.js';
import { schedulesReport } from '../reports/schedules.js';
import type { ScheduleView } from '../schedule/schedule-service.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { WebDeps } from './web-deps.js';

export function registerSchedulesPage(app: FastifyInstance, deps: WebDeps): void {
  app.get('/schedules', async (request, reply) => {
    const views = await schedulesReport(deps.runtime);
    const body = html`<h1>Scheduled recaps</h1>
${views.length === 0 ? html`<p>No schedules yet. Add one in chat (<code>/recap schedule add …</code>) or with <code>recap schedule add</code>.</p>` : html`<table><thead><tr><th>schedule</th><th>next runs</th><th>last result</th></tr></thead><tbody>${views.map(scheduleRow)}</tbody></table>`}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Schedules', body, current: 'schedules', ...deps.viewer(request, reply) }).markup);
  });
}

function scheduleRow(view: ScheduleView): Html {
  const { schedule, status } = view;
  const last = status.lastResult;
  return html`<tr id="${schedule.id}"><td><strong>${schedule.id}</strong> ${status.state === 'failing' ? html`<span class="pill bad">failing</span>` : html`<span class="pill">ok</span>`}<br>${schedule.platform} ${schedule.channel}<br><span class="muted">${describeSchedule(schedule)}</span></td>
<td>${view.nextRuns.length === 0 ? html`<span class="muted">when a note lands</span>` : view.nextRuns.map((iso) => html`${formatIn(iso, schedule.timezone)}<br>`)}</td>
<td>${last === null ? html`<span class="muted">not run yet</span>` : html`${last.outcome} at ${formatIn(last.at, schedule.timezone)}<br><span class="muted">${last.detail}</span>`}${status.state === 'failing' ? html`<p class="error">Failing since ${formatIn(status.failingSince ?? last?.at ?? '', schedule.timezone)}: ${status.reason ?? 'unknown reason'}</p>` : ''}</td></tr>`;
}
