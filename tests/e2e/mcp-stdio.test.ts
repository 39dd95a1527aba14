import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, TextResourceContents } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { recapBin, recapRunner, testRecapEnv } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();
const seedId = '20190604-cloud-native-meetup-tokyo-8';
const notesDir = path.resolve(import.meta.dirname, '../../notes');
const k8sNote = path.resolve(import.meta.dirname, '../fixtures/own/20240315-k8s-benkyoukai-12.md');
const recap = recapRunner({ prefix });

function text(result: unknown): string {
  return (result as CallToolResult).content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** `recap mcp` as Claude Desktop runs it: a child process speaking MCP on stdio, offline. */
describe('recap mcp over stdio', () => {
  let transport: StdioClientTransport;
  let client: Client;
  let stderr = '';
  const transportErrors: Error[] = [];

  beforeAll(async () => {
    const env = Object.fromEntries(Object.entries({ ...testRecapEnv(prefix), NOTES_DIR: notesDir, LOG_LEVEL: 'info' }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    transport = new StdioClientTransport({ command: process.execPath, args: [recapBin, 'mcp', '--ingest'], env, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    client = new Client({ name: 'recap-test', version: '1.0.0' });
    client.onerror = (error) => transportErrors.push(error);
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('ingests the notes folder with --ingest and serves the tools, logging only to stderr', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['ask', 'get_note', 'get_recap', 'list_notes', 'search_notes']);
    const listed = await client.callTool({ name: 'list_notes', arguments: {} });
    expect((listed.structuredContent as { notes: Array<{ id: string }> }).notes.map((note) => note.id)).toEqual([seedId]);
    // Logs went to stderr; stdout carried only protocol messages (a stray line there is a parse error on this side).
    expect(stderr).toContain('MCP server on stdio');
    expect(stderr).toContain('notes folder ingested');
    expect(transportErrors).toEqual([]);
  });

  it('searches, asks, reads a note, its recap and its resource', async () => {
    const search = await client.callTool({ name: 'search_notes', arguments: { query: 'Brown Field' } });
    expect((search.structuredContent as { hits: Array<Record<string, unknown>> }).hits[0]).toMatchObject({ noteId: seedId, line: 24, text: 'Brown Field' });
    // No RECAP_PUBLIC_URL: no links.
    expect((search.structuredContent as { hits: Array<Record<string, unknown>> }).hits[0]).not.toHaveProperty('url');

    const answer = await client.callTool({ name: 'ask', arguments: { question: 'what is Brown Field?' } });
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({ grounded: true, mode: 'extractive' });
    expect(text(answer)).toContain('VM上で管理されているサービス');

    const note = await client.callTool({ name: 'get_note', arguments: { note: 'Cloud Native Meetup Tokyo #8' } });
    expect(text(note)).toMatch(/^ *24: - Brown Field$/m);
    const recapResult = await client.callTool({ name: 'get_recap', arguments: { note: seedId } });
    expect(recapResult.structuredContent).toMatchObject({ noteId: seedId, model: 'offline' });
    expect(text(recapResult)).toContain('■ Service Mesh Day Recap Overview (@taiki45) [2]');

    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual([`recap://notes/${seedId}`]);
    const read = await client.readResource({ uri: `recap://notes/${seedId}` });
    expect((read.contents[0] as TextResourceContents).text).toContain('Outline (line: text):');

    const unknown = await client.callTool({ name: 'get_recap', arguments: { note: 'nothing like this' } });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/^No note matches "nothing like this"/);
  });

  it('finds a note ingested by another process while it runs', async () => {
    expect((await recap(['ingest', k8sNote])).status).toBe(0);
    // The index follows Redis's index events; waited for, not timed.
    await vi.waitFor(
      async () => {
        const hits = (await client.callTool({ name: 'search_notes', arguments: { query: 'Sealed Secrets' } })).structuredContent as { hits: Array<{ noteId: string }> };
        expect(hits.hits[0]?.noteId).toBe('20240315-k8s-benkyoukai-12');
      },
      { timeout: 60_000, interval: 200 },
    );
    expect((await client.listResources()).resources).toHaveLength(2);
  });

  it('stops when the client closes its stdin', async () => {
    const pid = transport.pid;
    expect(pid).not.toBeNull();
    await client.close();
    expect(stderr).toContain('the client closed stdin');
    expect(transportErrors).toEqual([]);
  });
});
