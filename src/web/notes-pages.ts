import type { FastifyInstance } from 'fastify';
import type { Note } from '../domain/note.js';
import { EXTRACTIVE_MODEL } from '../domain/recap.js';
import { recapWithoutWaiting, type ImmediateRecap } from '../recap/recap-without-waiting.js';
import type { NoteListing } from '../store/note-store.js';
import type { StoredTranslation } from '../store/translation-store.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { NoteListCache } from './note-list-cache.js';
import { noteLineHref, noteOutline } from './note-outline.js';
import type { WebDeps } from './web-deps.js';
import { stringFields } from './web-schema.js';

/** Notes shown per list page: a long list is paged, not sent whole. */
const NOTES_PER_PAGE = 50;
/** A search query is a question or a few words, not a document. */
const MAX_QUERY_CHARS = 500;

export function registerNotesPages(app: FastifyInstance, deps: WebDeps): void {
  const list = new NoteListCache(deps.runtime.store);
  app.get('/', async (_request, reply) => reply.redirect('/notes'));

  app.get<{ Querystring: { q?: string; page?: string } }>('/notes', { schema: { querystring: stringFields('q', 'page') } }, async (request, reply) => {
    const query = (request.query.q ?? '').slice(0, MAX_QUERY_CHARS).trim();
    const { listings } = await list.current();
    const found = query === '' ? listings : await matchingNotes(deps, list, listings, query);
    const pageNumber = Math.max(1, Math.floor(Number(request.query.page) || 1));
    const shown = found.slice((pageNumber - 1) * NOTES_PER_PAGE, pageNumber * NOTES_PER_PAGE);
    const items = shown.map(noteListItem);
    const pages = Math.max(1, Math.ceil(found.length / NOTES_PER_PAGE));
    const more = (to: number, label: string): Html => html`<a href="/notes?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(to) }).toString()}">${label}</a>`;
    const body = html`<h1>Notes</h1>
<form class="search" method="get" action="/notes" role="search"><input type="search" name="q" value="${query}" placeholder="Search notes: title, event, speaker or any words" aria-label="Search notes"><button type="submit">Search</button></form>
<p class="meta">${query ? `${found.length} of ${listings.length} notes match “${query}”` : `${listings.length} note${listings.length === 1 ? '' : 's'}, newest first`}</p>
${items.length > 0 ? html`<ul class="notes">${items}</ul>` : html`<p>${query ? 'No note matches. Try other words, or ask a question.' : 'No notes yet: drop Markdown files into the notes folder or run `recap ingest`.'}</p>`}
${pages > 1 ? html`<p class="meta">Page ${pageNumber} of ${pages} ${pageNumber > 1 ? more(pageNumber - 1, '← newer') : ''} ${pageNumber < pages ? more(pageNumber + 1, 'older →') : ''}</p>` : ''}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Notes', body, current: 'notes', ...deps.viewer(request, reply) }).markup);
  });

  app.get<{ Params: { id: string } }>('/notes/:id', async (request, reply) => {
    const note = await deps.runtime.store.getNote(request.params.id);
    if (note === null) {
      const body = html`<h1>Note not found</h1><p>No note with id “${request.params.id}”. It may have been deleted. <a href="/notes">All notes</a></p>`;
      return reply.code(404).type('text/html; charset=utf-8').send(page({ title: 'Not found', body, current: 'notes', ...deps.viewer(request, reply) }).markup);
    }
    const languages = deps.runtime.config.recapLanguages;
    // Offline every language gets the note's own extractive recap: it is made and shown once.
    const recapLanguages = deps.runtime.llm === null ? [note.language] : languages;
    const recaps = await Promise.all(recapLanguages.map((language) => recapWithoutWaiting(deps.runtime, note, language)));
    const translations = (await Promise.all(languages.filter((language) => language !== note.language).map((language) => deps.runtime.translations.get(note.id, language)))).filter(
      (translation): translation is StoredTranslation => translation !== null && translation.contentHash === note.contentHash,
    );
    const body = html`<h1>${note.title}</h1>
<p class="meta">${note.event ?? ''}${note.event && note.date ? ' · ' : ''}${note.date ?? 'date unknown'} · ${note.language === 'ja' ? 'Japanese' : 'English'} · ${note.lineCount} lines</p>
<p class="meta">From <code>${note.source}</code>${note.speakers.length > 0 ? html` · Speakers: ${note.speakers.join(', ')}` : ''}</p>
<nav class="meta">${[html`<a href="#outline">Outline</a>`, ...recaps.map((recap) => html` · <a href="#recap-${recap.language}">Recap (${recap.language})</a>`), ...translations.map((t) => html` · <a href="#translation-${t.language}">Translation (${t.language})</a>`)]}</nav>
<h2 id="outline">Outline</h2>
${noteOutline(note)}
${recaps.map((recap) => recapSection(note, recap))}
${translations.map((translation) => translationSection(note, translation))}`;
    return reply.type('text/html; charset=utf-8').send(page({ title: note.title, body, current: 'notes', ...deps.viewer(request, reply) }).markup);
  });
}

/** Notes whose title, event, id or speakers contain the words, then the notes of the best search hits for them. */
async function matchingNotes(deps: WebDeps, list: NoteListCache, listings: readonly NoteListing[], query: string): Promise<NoteListing[]> {
  const byId = new Map(listings.map((listing) => [listing.id, listing]));
  const ids = new Set((await list.matching(query)).map((listing) => listing.id));
  for (const hit of deps.index.search(query, { top: NOTES_PER_PAGE })) ids.add(hit.note.noteId);
  return [...ids].map((id) => byId.get(id)).filter((listing): listing is NoteListing => listing !== undefined);
}

function noteListItem(listing: NoteListing): Html {
  const { speakers } = listing;
  return html`<li><a class="title" href="/notes/${encodeURIComponent(listing.id)}">${listing.title}</a>
<div class="meta">${listing.event && listing.event !== listing.title ? html`${listing.event} · ` : ''}${listing.date ?? 'date unknown'} · ${listing.sections} sections${speakers.length > 0 ? html` · ${speakers.slice(0, 6).join(', ')}${speakers.length > 6 ? ` +${speakers.length - 6}` : ''}` : ''}</div></li>`;
}

function recapSection(note: Note, recap: ImmediateRecap): Html {
  const { summary } = recap;
  const by = recap.model === EXTRACTIVE_MODEL ? 'extractive: the note’s own lines' : `written by ${recap.model}`;
  const line = (n: number | undefined): Html | string => (n === undefined ? '' : html` <a class="muted" href="${noteLineHref(note.id, n)}">L${n}</a>`);
  return html`<h2 id="recap-${recap.language}">Recap (${recap.language})</h2>
<p class="meta">${by}${recap.pending ? ' · a model-written recap is being prepared' : ''}</p>
${summary.overview.trim() !== '' ? html`<p>${summary.overview}</p>` : ''}
${summary.talks.map((talk) => html`<h3>${talk.title || note.title}${talk.speakers.length > 0 ? html` <span class="muted">(${talk.speakers.join(', ')})</span>` : ''}${line(talk.line)}</h3>
<ul>${talk.keyPoints.map((point) => html`<li>${point.text}${line(point.line)}</li>`)}</ul>`)}
${summary.terms.length > 0 ? html`<h3>Terms</h3><ul>${summary.terms.map((term) => html`<li><strong>${term.term}</strong>: ${term.definition}${line(term.line)}</li>`)}</ul>` : ''}`;
}

function translationSection(note: Note, translation: StoredTranslation): Html {
  const rows = translation.sections.flatMap((section) => [
    ...(section.level > 0 ? [html`<tr><td><a href="${noteLineHref(note.id, section.line)}">${section.line}</a></td><th>${section.path.at(-1) ?? ''}</th><th>${section.translatedPath.at(-1) ?? ''}</th></tr>`] : []),
    ...section.items.map((item) => html`<tr><td><a href="${noteLineHref(note.id, item.line)}">${item.line}</a></td><td>${'\u3000'.repeat(item.depth)}${item.source}</td><td>${'\u3000'.repeat(item.depth)}${item.text}</td></tr>`),
  ]);
  return html`<h2 id="translation-${translation.language}">Translation (${translation.language})</h2>
<p class="meta">by ${translation.model}${translation.untranslatedLines > 0 ? ` · ${translation.untranslatedLines} lines kept as written` : ''}</p>
<table><thead><tr><th>line</th><th>${note.language}</th><th>${translation.language}</th></tr></thead><tbody>${rows}</tbody></table>`;
}
