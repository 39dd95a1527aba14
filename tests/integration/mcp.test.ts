import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, TextResourceContents } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecap, type RunningRecap } from '../../src/app/start-recap.js';
import { MAX_CHAT_INPUT_CHARS } from '../../src/chat/chat-input.js';
import { createLogger } from '../../src/logger.js';
import { seedNotePath } from '../helpers/corpus.js';
import { deleteKeys, testConfig } from '../helpers/test-runtime.js';

const ADMIN_TOKEN = 'mcp-test-admin-token-0123456789';
const PUBLIC_URL = 'https://recap.example.org';
const seedId = '20190604-cloud-native-meetup-tokyo-8';
const ownNote = path.resolve(import.meta.dirname, '../fixtures/own/2024-02-08-observability-night.md');

function text(result: unknown): string {
  const content = (result as CallToolResult).content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** The MCP endpoint of the web server (`recap start`), through the SDK's own client, offline. */
describe('MCP over streamable HTTP at /mcp', () => {
  let dir: string;
  let running: RunningRecap;
  let base: string;
  let client: Client;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-mcp-http-'));
    copyFileSync(seedNotePath, path.join(dir, path.basename(seedNotePath)));
    copyFileSync(ownNote, path.join(dir, 'observability.md'));
    // Pages closed (no WEB_PUBLIC): /mcp must not send an MCP client to the login page.
    const config = testConfig({ NOTES_DIR: dir, RECAP_WATCH: 'false', RECAP_ADMIN_TOKEN: ADMIN_TOKEN, RECAP_PUBLIC_URL: PUBLIC_URL });
    running = await startRecap(config, createLogger('silent', { pretty: false }));
    base = running.web?.url ?? '';
    client = new Client({ name: 'recap-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } } }));
  });
  afterAll(async () => {
    await client?.close();
    const prefix = running?.runtime.config.keyPrefix;
    await running?.stop();
    if (prefix) await deleteKeys(running.runtime.redisUrl, prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a request without the admin token, with a wrong one and with the session cookie alone', async () => {
    const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const bare = await fetch(`${base}/mcp`, { method: 'POST', headers, body: initialize });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await bare.json()) as { error: { message: string } }).error.message).toContain('Authorization: Bearer');
    expect((await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${ADMIN_TOKEN}x` }, body: initialize })).status).toBe(401);
    expect((await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, authorization: ADMIN_TOKEN }, body: initialize })).status).toBe(401);
    // Refused before its body is read: a malformed body without the token is still a 401.
    expect((await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: '{' })).status).toBe(401);

    // A logged-in browser's cookie is not enough: a page elsewhere could make it send that.
    const login = await fetch(`${base}/login?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^recap_session=/);
    expect((await fetch(`${base}/notes`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, cookie }, body: initialize })).status).toBe(401);

    // Stateless: nothing to stream on GET.
    expect((await fetch(`${base}/mcp`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(405);
  });

  it('lists its tools and the notes as resources', async () => {
    expect(client.getServerVersion()?.name).toBe('recap');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['ask', 'get_note', 'get_recap', 'list_notes', 'search_notes']);
    expect(tools.find((tool) => tool.name === 'search_notes')?.inputSchema.required).toEqual(['query']);

    const listed = await client.callTool({ name: 'list_notes', arguments: {} });
    expect(listed.isError).toBeFalsy();
    expect(text(listed)).toContain('2 notes, newest first:');
    expect((listed.structuredContent as { notes: Array<{ id: string }> }).notes.map((note) => note.id)).toEqual(['observability', seedId]);

    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual([`recap://notes/${seedId}`, 'recap://notes/observability']);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(['recap://notes/{id}']);
    const read = await client.readResource({ uri: `recap://notes/${seedId}` });
    const contents = read.contents[0] as TextResourceContents;
    expect(contents.text).toContain('Note: 20190604 Cloud Native Meetup Tokyo #8');
    expect(contents.text).toMatch(/^ *24: - Brown Field$/m);
    await expect(client.readResource({ uri: 'recap://notes/no-such-note' })).rejects.toThrow(/No note has the id "no-such-note"/);
  });

  it('searches the notes with cited, linked hits', async () => {
    const result = await client.callTool({ name: 'search_notes', arguments: { query: 'Brown Field', limit: 3 } });
    expect(result.isError).toBeFalsy();
    const hits = (result.structuredContent as { hits: Array<Record<string, unknown>> }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits[0]).toMatchObject({ rank: 1, noteId: seedId, title: '20190604 Cloud Native Meetup Tokyo #8', section: ['Service Mesh Day Recap Overview'], line: 24, text: 'Brown Field', url: `${PUBLIC_URL}/notes/${seedId}#L24` });
    expect(text(result)).toContain(`${seedId} line 24 · ${PUBLIC_URL}/notes/${seedId}#L24`);

    const english = await client.callTool({ name: 'search_notes', arguments: { query: 'tail sampling' } });
    expect((english.structuredContent as { hits: Array<{ noteId: string }> }).hits[0]?.noteId).toBe('observability');
    const nothing = await client.callTool({ name: 'search_notes', arguments: { query: 'zzzqqq' } });
    expect(nothing.isError).toBeFalsy();
    expect(text(nothing)).toBe('Nothing in the notes matches "zzzqqq".');
  });

  it('answers as chat does, with citations', async () => {
    const result = await client.callTool({ name: 'ask', arguments: { question: 'サービスメッシュってコンテナ化しないと導入できないの?' } });
    expect(result.isError).toBeFalsy();
    const answer = result.structuredContent as { grounded: boolean; mode: string; citations: Array<{ noteId: string; line: number; url?: string }> };
    expect(answer).toMatchObject({ grounded: true, mode: 'extractive' });
    expect(answer.citations[0]).toMatchObject({ noteId: seedId, line: 36, url: `${PUBLIC_URL}/notes/${seedId}#L36` });
    expect(text(result)).toContain('VMベースの構成でもサービスメッシュを導入できる');
    expect(text(result)).toContain('出典:');
    // The same answering as the web page: the question is in the question log.
    const asked = await running.runtime.questions.latest();
    expect(asked[0]).toMatchObject({ question: 'サービスメッシュってコンテナ化しないと導入できないの?', answered: true });

    const declined = await client.callTool({ name: 'ask', arguments: { question: 'who won the 1998 world cup final?' } });
    expect(declined.isError).toBeFalsy();
    expect((declined.structuredContent as { grounded: boolean }).grounded).toBe(false);
  });

  it('reads a note by id or fuzzy title, and its recap without a model', async () => {
    const byTitle = await client.callTool({ name: 'get_note', arguments: { note: 'cloud native #8' } });
    expect(byTitle.isError).toBeFalsy();
    expect(byTitle.structuredContent).toMatchObject({ id: seedId, date: '2019-06-04', language: 'ja', uri: `recap://notes/${seedId}` });
    expect(text(byTitle)).toMatch(/^ *9: ## Service Mesh Day Recap Overview$/m);
    const byId = await client.callTool({ name: 'get_note', arguments: { note: 'observability' } });
    expect(text(byId)).toContain('Note: Observability Night vol.3 (id: observability)');

    const recap = await client.callTool({ name: 'get_recap', arguments: { note: seedId, language: 'en' } });
    expect(recap.isError).toBeFalsy();
    expect(recap.structuredContent).toMatchObject({ noteId: seedId, model: 'offline', pending: false, language: 'ja' });
    expect(text(recap)).toContain('Cloud Native Meetup Tokyo #8 — 2019-06-04');
    expect(text(recap)).toContain('Brown Field — VM上で管理されているサービス。技術的負債が多いサービス (line 24)');
    // Offline, a recap asked in English of a Japanese note says it is the notes' own Japanese lines.
    expect(text(recap)).toMatch(/extractive recap in ja .*a model is needed to write it in en/i);
  });

  it('says what is wrong as a tool error: unknown note, empty or too long text, a bad language', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['get_note', { note: 'no such meetup at all' }, /^No note matches "no such meetup at all"\. Some notes:\n- Observability Night vol\.3 \(id: observability\)/],
      ['get_recap', { note: 'no such meetup at all' }, /^No note matches/],
      ['get_note', { note: '  ' }, /^No note given/],
      ['search_notes', { query: '   ' }, /^The query is empty/],
      ['ask', { question: '' }, /^The question is empty/],
      ['ask', { question: 'a'.repeat(MAX_CHAT_INPUT_CHARS + 1) }, /^The question is 2,001 characters long; recap reads questions and commands of up to 2,000/],
      ['search_notes', { query: 'a'.repeat(MAX_CHAT_INPUT_CHARS + 1) }, /^The query is 2,001 characters long/],
      ['get_recap', { note: seedId, language: 'english please' }, /^"english please" is not a language code/],
      ['search_notes', { query: 'Envoy', limit: 0 }, /Input validation error/],
      ['search_notes', {}, /Input validation error/],
    ];
    for (const [name, args, message] of cases) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, `${name} ${JSON.stringify(args).slice(0, 60)}`).toBe(true);
      expect(text(result)).toMatch(message);
    }
    // The server is still there.
    expect((await client.callTool({ name: 'list_notes', arguments: {} })).isError).toBeFalsy();
  });
});
