import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../src/domain/note.js';
import { infoReply, withCitationLinks } from '../../src/domain/reply.js';
import { parseCommandText, type CommandSyntax } from '../../src/chat/chat-command.js';
import { runChatCommand, type ChatFrontEnd } from '../../src/chat/run-chat-command.js';
import { loadIndex } from '../../src/search/load-index.js';
import { syncSourceRefreshScheduler } from '../../src/jobs/source-refresh-worker.js';
import type { FileOutcome } from '../../src/ingest/run-ingest.js';
import { ingestUrls, refreshSources, sourceStore } from '../../src/ingest/url-ingest.js';
import { createSourceRefreshQueue, SOURCE_REFRESH_SCHEDULER } from '../../src/queue/source-refresh-queue.js';
import type { Runtime } from '../../src/runtime.js';
import { serve, startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

const HACKMD_NOTE = '# 20240601 Cloud Native Meetup #20\n\n## Brown Field の話\n\n- Brown Field: 技術的負債が多いサービス\n- 移行の進め方\n';
const SCRAPBOX_TEXT = '勉強会メモ 2024-06\n[** 発表1]\nKubernetes の運用\n\tオペレーターの話 [公式 https://kubernetes.io]\n\t\t[CRD] の設計\n\tもう一つの項目\n';
const HTML_PAGE = `<!doctype html><html><head><title>Meetup report</title></head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>Meetup report</h1>
<p>The meetup covered Green Field projects and how teams start them without legacy constraints, with many examples from the speakers.</p>
<h2>Green Field</h2><ul><li>Green Field: a new service with no legacy code</li><li>See <a href="/slides">the slides</a></li></ul>
<p>Another paragraph of the report, long enough that the reader view keeps it as the article body of the page.</p></article>
<footer>Copyright</footer></body></html>`;

function ingested(outcome: FileOutcome | undefined): Extract<FileOutcome, { noteId: string }> {
  if (outcome === undefined || outcome.status === 'failed') throw new Error(`not ingested: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('notes from URLs', () => {
  let runtime: Runtime;
  let hackmd: SiteServer;
  let scrapbox: SiteServer;
  let github: SiteServer;
  let raw: SiteServer;
  let api: SiteServer;
  let gist: SiteServer;
  let web: SiteServer;
  let hackmdBody = HACKMD_NOTE;
  let hackmdEtag = '"rev-1"';

  beforeAll(async () => {
    hackmd = await startSiteServer({
      '/abcDEF123/download': (request, response) => {
        if (request.headers['if-none-match'] === hackmdEtag) {
          response.writeHead(304).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'text/markdown; charset=UTF-8', etag: hackmdEtag }).end(hackmdBody);
      },
    });
    scrapbox = await startSiteServer({ '/api/pages/meetup/%E5%8B%89%E5%BC%B7%E4%BC%9A/text': serve('text/plain; charset=utf-8', SCRAPBOX_TEXT) });
    github = await startSiteServer();
    gist = await startSiteServer();
    raw = await startSiteServer({
      '/org/notes/main/2024/0601-meetup.md': serve('text/plain; charset=utf-8', '# 0601 meetup\n\n- Blue Field: 青い\n'),
      '/org/notes/main/events/a.md': serve('text/plain; charset=utf-8', '# Event A\n\n- Alpha topic\n'),
      '/org/notes/main/events/b.md': serve('text/plain; charset=utf-8', '# Event B\n\n- Beta topic\n'),
      '/gist-raw/long.md': serve('text/plain; charset=utf-8', '# Long gist\n\n- Gamma topic\n'),
    });
    api = await startSiteServer({
      '/repos/org/notes/contents/events': (request, response) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(
          JSON.stringify([
            { name: 'a.md', path: 'events/a.md', type: 'file' },
            { name: 'b.md', path: 'events/b.md', type: 'file' },
            { name: 'logo.png', path: 'events/logo.png', type: 'file' },
            { name: 'old', path: 'events/old', type: 'dir' },
          ]),
        );
        void request;
      },
      '/gists/0123abcd': serve(
        'application/json; charset=utf-8',
        JSON.stringify({
          files: {
            'talk.md': { filename: 'talk.md', type: 'text/markdown', content: '# Gist talk\n\n- Delta topic\n', truncated: false },
            'long.md': { filename: 'long.md', type: 'text/markdown', content: '# Long', truncated: true, raw_url: '' },
            'photo.png': { filename: 'photo.png', type: 'image/png', raw_url: 'x' },
          },
        }),
      ),
    });
    web = await startSiteServer({
      '/report.html': serve('text/html; charset=utf-8', HTML_PAGE),
      '/plain.md': serve('text/markdown', '# Plain markdown\n\n- Epsilon topic\n'),
      '/photo.png': serve('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
    });
    // The truncated gist file is read from its raw URL.
    api.routes.set('/gists/0123abcd', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          files: {
            'talk.md': { filename: 'talk.md', type: 'text/markdown', content: '# Gist talk\n\n- Delta topic\n', truncated: false },
            'long.md': { filename: 'long.md', type: 'text/markdown', content: '# Long', truncated: true, raw_url: `${raw.origin}/gist-raw/long.md` },
            'photo.png': { filename: 'photo.png', type: 'image/png', raw_url: 'x' },
          },
        }),
      );
    });
    runtime = await openTestRuntime({
      RECAP_ALLOW_PRIVATE_URLS: '127.0.0.1',
      RECAP_SOURCE_HOSTS: [
        `hackmd=${hackmd.origin}`,
        `scrapbox=${scrapbox.origin}`,
        `github=${github.origin}`,
        `github-raw=${raw.origin}`,
        `github-api=${api.origin}`,
        `gist=${gist.origin}`,
      ].join(','),
    });
  });
  afterAll(async () => {
    await runtime.close();
    for (const server of [hackmd, scrapbox, github, raw, api, gist, web]) await server.close();
  });

  async function note(noteId: string): Promise<Note> {
    const found = await runtime.store.getNote(noteId);
    if (found === null) throw new Error(`no note ${noteId}`);
    return found;
  }

  it('ingests a HackMD note from its Markdown download and keeps the URL as its source', async () => {
    const [outcome] = await ingestUrls(runtime, [`${hackmd.origin}/abcDEF123?view`]);
    const result = ingested(outcome);
    expect(result).toMatchObject({ status: 'ingested', source: `${hackmd.origin}/abcDEF123` });
    expect(hackmd.requests.map((request) => request.path)).toEqual(['/abcDEF123/download']);
    expect(await runtime.store.idForSource(`url:${hackmd.origin}/abcDEF123`)).toBe(result.noteId);
    const stored = await note(result.noteId);
    expect(stored.title).toBe('20240601 Cloud Native Meetup #20');
    const record = await sourceStore(runtime).get(`${hackmd.origin}/abcDEF123`);
    expect(record).toMatchObject({ kind: 'hackmd', result: 'ok', etag: '"rev-1"', noteIds: [result.noteId] });
  });

  it('links citations of a URL note to the URL when no public page is set, and files stay unlinked', () => {
    const reply = withCitationLinks(
      {
        kind: 'answer',
        text: 'x',
        citations: [
          { rank: 1, noteId: 'n', label: 'l', location: `${hackmd.origin}/abcDEF123:5`, line: 5, text: 't' },
          { rank: 2, noteId: 'm', label: 'l', location: 'notes/talk.md:3', line: 3, text: 't' },
        ],
      },
      null,
    );
    expect(reply.citations[0]?.url).toBe(`${hackmd.origin}/abcDEF123`);
    expect(reply.citations[1]?.url).toBeUndefined();
    const withPage = withCitationLinks({ kind: 'answer', text: 'x', citations: [{ rank: 1, noteId: 'n', label: 'l', location: `${hackmd.origin}/abcDEF123:5`, line: 5, text: 't' }] }, 'https://recap.example.org');
    expect(withPage.citations[0]?.url).toBe('https://recap.example.org/notes/n#L5');
  });

  it('turns a Scrapbox page from its text API into an outline under its title', async () => {
    const url = `${scrapbox.origin}/meetup/%E5%8B%89%E5%BC%B7%E4%BC%9A`;
    const result = ingested((await ingestUrls(runtime, [url]))[0]);
    expect(result.source).toBe(`${scrapbox.origin}/meetup/勉強会`);
    const stored = await note(result.noteId);
    expect(stored.title).toBe('勉強会メモ 2024-06');
    const talk = stored.sections.find((section) => section.title === '発表1');
    expect(talk).toBeDefined();
    const top = talk?.items.find((item) => item.text.includes('オペレーターの話'));
    expect(top?.text).toContain('公式');
    expect(top?.children[0]?.text).toContain('CRD');
  });

  it('fetches a GitHub file raw, and a folder through the contents API, one note per Markdown file', async () => {
    const file = ingested((await ingestUrls(runtime, [`${github.origin}/org/notes/blob/main/2024/0601-meetup.md`]))[0]);
    expect(file.source).toBe(`${github.origin}/org/notes/blob/main/2024/0601-meetup.md`);
    expect((await note(file.noteId)).title).toBe('0601 meetup');
    const folder = await ingestUrls(runtime, [`${github.origin}/org/notes/tree/main/events`]);
    expect(folder.map((outcome) => [outcome.file, outcome.status])).toEqual([
      [`${github.origin}/org/notes/blob/main/events/a.md`, 'ingested'],
      [`${github.origin}/org/notes/blob/main/events/b.md`, 'ingested'],
    ]);
    expect(api.requests.find((request) => request.path.startsWith('/repos/'))?.path).toBe('/repos/org/notes/contents/events?ref=main');
    const record = await sourceStore(runtime).get(`${github.origin}/org/notes/tree/main/events`);
    expect(record?.noteIds).toHaveLength(2);
  });

  it('reads a gist through the API: its Markdown files, a truncated one from its raw URL', async () => {
    const outcomes = await ingestUrls(runtime, [`${gist.origin}/someone/0123abcd`]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['ingested', 'ingested']);
    expect(outcomes.map((outcome) => outcome.file)).toEqual([`${gist.origin}/someone/0123abcd#file-talk-md`, `${gist.origin}/someone/0123abcd#file-long-md`]);
    expect((await note(ingested(outcomes[1]).noteId)).title).toBe('Long gist');
  });

  it('converts an HTML article with the reader view, reads Markdown as it is, and refuses an image among them', async () => {
    const outcomes = await ingestUrls(runtime, [`${web.origin}/report.html`, `${web.origin}/photo.png`, `${web.origin}/plain.md`, 'ftp://example.com/x.md']);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['ingested', 'failed', 'ingested', 'failed']);
    const page = await note(ingested(outcomes[0]).noteId);
    expect(page.title).toBe('Meetup report');
    const green = page.sections.find((section) => section.title === 'Green Field');
    expect(green?.items.map((item) => item.text)).toContain('Green Field: a new service with no legacy code');
    expect(JSON.stringify(page)).not.toContain('Copyright');
    expect(page.links.map((link) => link.url)).toContain(`${web.origin}/slides`);
    expect(outcomes[1]).toMatchObject({ status: 'failed', reason: expect.stringContaining('image/png, not a note') });
    expect(outcomes[3]).toMatchObject({ status: 'failed', reason: expect.stringContaining('ftp:// URLs are not fetched') });
    expect((await note(ingested(outcomes[2]).noteId)).title).toBe('Plain markdown');
  });

  it('refuses 127.0.0.1 without RECAP_ALLOW_PRIVATE_URLS', async () => {
    const strict = await openTestRuntime({ RECAP_SOURCE_HOSTS: `hackmd=${hackmd.origin}` });
    try {
      const before = hackmd.requests.length;
      const [outcome] = await ingestUrls(strict, [`${hackmd.origin}/abcDEF123`]);
      expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining('loopback address') });
      expect(hackmd.requests.length).toBe(before);
      expect(await sourceStore(strict).list()).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('re-syncs with the stored ETag: a 304 is unchanged, an edited note is updated', async () => {
    const url = `${hackmd.origin}/abcDEF123`;
    const [first] = await refreshSources(runtime, url);
    expect(first).toMatchObject({ url, result: 'unchanged', outcomes: [] });
    expect(hackmd.requests.at(-1)?.headers['if-none-match']).toBe('"rev-1"');

    hackmdBody = HACKMD_NOTE.replace('移行の進め方', '移行の進め方 (追記: Strangler Fig)');
    hackmdEtag = '"rev-2"';
    const [second] = await refreshSources(runtime, url);
    expect(second?.result).toBe('ok');
    expect(second?.outcomes[0]).toMatchObject({ status: 'updated' });
    const record = await sourceStore(runtime).get(url);
    expect(record).toMatchObject({ result: 'ok', etag: '"rev-2"' });
    const stored = await note(record?.noteIds[0] ?? '');
    expect(JSON.stringify(stored)).toContain('Strangler Fig');
  });

  it('records a failed re-fetch with its reason and keeps the source', async () => {
    const url = `${web.origin}/plain.md`;
    web.routes.set('/plain.md', (_request, response) => response.writeHead(500).end());
    const [refresh] = await refreshSources(runtime, url);
    expect(refresh).toMatchObject({ result: 'failed', reason: expect.stringContaining('HTTP 500') });
    expect(await sourceStore(runtime).get(url)).toMatchObject({ result: 'failed', reason: expect.stringContaining('HTTP 500') });
  });

  it('ingests a URL from chat for admins only, through the shared command', async () => {
    const syntax: CommandSyntax = { typed: (word) => `/recap ${word}`, commandNoun: 'a /recap subcommand', schedule: () => ({ problem: 'none' }) };
    expect(parseCommandText('ingest', syntax)).toEqual({ name: 'ingest' });
    expect(parseCommandText('ingest please', syntax)).toEqual({ name: 'ingest' });
    expect(parseCommandText('ingest ftp://example.com/x.md', syntax)).toEqual({ name: 'ingest', url: 'ftp://example.com/x.md' });
    expect(parseCommandText(`ingest <${web.origin}/chat.md|chat.md>`, syntax)).toEqual({ name: 'ingest', url: `${web.origin}/chat.md` });
    web.routes.set('/chat.md', serve('text/markdown', '# Chat note\n\n- Zeta topic\n'));
    const command = parseCommandText(`ingest ${web.origin}/chat.md`, syntax);
    const context = { config: runtime.config, logger: runtime.logger, runtime, index: await loadIndex(runtime.store, runtime.logger), ask: () => Promise.reject(new Error('no model')) };
    const request = { platform: 'test', user: 'U1', channel: 'C1', logger: runtime.logger };
    const frontEnd = (admin: boolean): ChatFrontEnd => ({
      help: () => infoReply('help'),
      ingestHelp: () => infoReply('how to upload'),
      refusal: async () => (admin ? null : infoReply('admins only')),
    });
    const before = web.requests.length;
    expect((await runChatCommand(context, command, request, frontEnd(false))).reply.text).toBe('admins only');
    expect(web.requests.length).toBe(before);
    const { reply } = await runChatCommand(context, command, request, frontEnd(true));
    expect(reply.kind).toBe('info');
    expect(reply.text).toContain(`${web.origin}/chat.md: ingested as`);
    expect(await sourceStore(runtime).get(`${web.origin}/chat.md`)).toMatchObject({ result: 'ok', kind: 'page' });
  });

  it('puts RECAP_SOURCE_REFRESH into a job scheduler, and removes it when off', async () => {
    const queue = createSourceRefreshQueue(runtime.bullConnection, runtime.bullPrefix);
    try {
      await syncSourceRefreshScheduler(runtime);
      expect(await queue.getJobScheduler(SOURCE_REFRESH_SCHEDULER)).toMatchObject({ every: 6 * 3_600_000 });
      await syncSourceRefreshScheduler({ ...runtime, config: { ...runtime.config, sources: { ...runtime.config.sources, refresh: { kind: 'off' } } } });
      expect(await queue.getJobScheduler(SOURCE_REFRESH_SCHEDULER)).toBeUndefined();
    } finally {
      await queue.close();
    }
  });
});
