import type { FastifyInstance } from 'fastify';
import type { ModelAnswer } from '../recap/grounded-answer.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { noteLineHref } from './note-outline.js';
import type { WebDeps } from './web-deps.js';
import { stringFields } from './web-schema.js';

/** As in chat: a question is a sentence, not a document. */
const MAX_QUESTION_CHARS = 1_000;

export function registerAskPage(app: FastifyInstance, deps: WebDeps): void {
  app.get<{ Querystring: { q?: string } }>('/ask', { schema: { querystring: stringFields('q') } }, async (request, reply) => {
    const question = (request.query.q ?? '').slice(0, MAX_QUESTION_CHARS).trim();
    const answer = question === '' ? null : await deps.ask(question);
    const body = html`<h1>Ask the notes</h1>
<form class="search" method="get" action="/ask" role="search"><input type="search" name="q" value="${question}" placeholder="What is Brown Field? / サービスメッシュって何?" aria-label="Question" autofocus><button type="submit">Ask</button></form>
${answer ? answerBlock(answer) : html`<p class="meta">Answers come from the notes, with the lines they come from. Japanese or English.</p>`}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: question || 'Ask', body, current: 'ask', ...deps.viewer(request, reply) }).markup);
  });
}

function answerBlock(answer: ModelAnswer): Html {
  const heading = answer.grounded ? 'Sources' : 'Nearest lines';
  const footer = answer.mode === 'llm' && answer.model ? `Written by ${answer.model} from the cited notes.` : answer.fallbackReason ?? '';
  return html`<div class="answer${answer.grounded ? '' : ' declined'}">${answer.answer.trim()}</div>
${footer ? html`<p class="meta">${footer}</p>` : ''}
${answer.citations.length > 0 ? html`<h2>${heading}</h2><ol class="citations">${answer.citations.map((citation) => html`<li><a href="${noteLineHref(citation.noteId, citation.line)}">${[citation.title, ...citation.section].filter((part) => part.trim() !== '').join(' › ')}, line ${citation.line}</a><br><span class="muted">${citation.text}${citation.translation ? ` (${citation.translation.language}: ${citation.translation.text})` : ''}</span></li>`)}</ol>` : ''}`;
}
