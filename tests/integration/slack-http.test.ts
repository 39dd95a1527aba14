import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_ACTIONS, type SlackBlock } from '../../src/adapters/slack/render-slack.js';
import { createSlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { slackSettingsReader } from '../../src/adapters/slack/slack-settings.js';
import { settingsOf } from '../../src/config.js';
import { ingestNote } from '../../src/ingest/ingest-note.js';
import { FeedbackStore } from '../../src/store/feedback-store.js';
import { seedNotePath } from '../helpers/corpus.js';
import { buttonClick, mentionEvent, slackSignature } from '../helpers/slack-requests.js';
import { SIGNING_SECRET, startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

/** All text of a message's blocks, in order. */
function blocksText(blocks: unknown): string {
  return ((blocks ?? []) as SlackBlock[])
    .map((block) => {
      if (block.type === 'section') return block.text.text;
      if (block.type === 'context') return block.elements.map((element) => element.text).join(' ');
      return block.elements.map((element) => `[${element.action_id}:${element.value}]`).join(' ');
    })
    .join('\n');
}

function buttons(blocks: unknown): Array<{ action_id: string; value: string }> {
  return ((blocks ?? []) as SlackBlock[]).flatMap((block) => (block.type === 'actions' ? block.elements : []));
}

/** A note whose text tries to ping everyone (entities and code spans survive parsing as text). */
const MASS_MENTION_NOTE = [
  '# 20240901 Alerting LT',
  '',
  '## Notifications',
  '',
  '- Alert Storm',
  '  - 通知が &lt;!channel&gt; と @everyone に飛ぶ現象',
  '  - &lt;!here&gt; と <@U0VICTIM> と `<!subteam^S0TEAM|@oncall>` にも届く',
].join('\n');

const UPLOADED_NOTE = ['# 20241010 Edge Meetup', '', '## Wasm at the edge', '', '- Spin Framework', '  - Fermyon が作っている WebAssembly のサーバーレス基盤'].join('\n');

/** Polls until `check` passes (index updates arrive through Redis pub/sub). */
async function eventually<T>(check: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Slack app over HTTP (real bolt, signed requests, local Web API)', () => {
  let bot: SlackTestBot;

  /** Runs `/recap <text>` and returns what was posted to its response_url (once `count` arrived). */
  async function recap(text: string, options: { user?: string; count?: number } = {}) {
    const responseUrl = bot.api.responseUrl();
    const ack = await bot.requests.command(text, { responseUrl, ...(options.user ? { user: options.user } : {}) });
    expect(ack.status).toBe(200);
    const acked = JSON.parse(ack.text) as { text: string; blocks?: unknown };
    if (options.count === 0) return { ack: acked, responses: [] };
    const responses = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length >= (options.count ?? 1) ? bot.api.responsesTo(responseUrl) : null), 10_000, `a reply to /recap ${text}`);
    return { ack: acked, responses };
  }

  beforeAll(async () => {
    bot = await startSlackTestBot({
      mode: 'http',
      env: { SLACK_ADMIN_USER_IDS: 'U0LISTED', MAX_NOTE_BYTES: '8192' },
      notes: [
        [readFileSync(seedNotePath, 'utf8'), 'notes/20190604-cloud-native-meetup-tokyo-8.md'],
        [MASS_MENTION_NOTE, 'notes/20240901-alerting-lt.md'],
      ],
    });
    bot.api.users.set('U0ADMIN', { id: 'U0ADMIN', is_admin: true });
    bot.api.users.set('U0MEMBER', { id: 'U0MEMBER' });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers url_verification and refuses missing, bad, wrong-secret and stale signatures with 401', async () => {
    const challenge = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const ok = await bot.requests.post(challenge, { contentType: 'application/json' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('c-123');

    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'nope' });
    const now = Math.floor(Date.now() / 1000);
    expect((await bot.requests.post(body, { contentType: 'application/json', signature: null })).status).toBe(401);
    expect((await bot.requests.post(body, { contentType: 'application/json', signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await bot.requests.post(body, { contentType: 'application/json', secret: 'another-secret-abcdef' })).status).toBe(401);
    const stale = now - 6 * 60;
    expect((await bot.requests.post(body, { contentType: 'application/json', timestamp: stale, signature: slackSignature(SIGNING_SECRET, stale, body) })).status).toBe(401);
    expect(bot.api.calls.filter((call) => call.method.startsWith('chat.'))).toHaveLength(0);
  });

  it('/recap ask: acks at once, answers ephemerally in place with citations, share and feedback buttons', async () => {
    const responseUrl = bot.api.responseUrl();
    const ack = await bot.requests.command('ask what is Brown Field?', { responseUrl });
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    expect(JSON.parse(ack.text)).toMatchObject({ response_type: 'ephemeral', text: 'Searching the notes…' });

    const [answer] = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null));
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true, unfurl_links: false, unfurl_media: false });
    const text = blocksText(answer?.body.blocks);
    expect(text).toContain('VM上で管理されているサービス');
    expect(text).toMatch(/\[1\] 20190604 Cloud Native Meetup Tokyo #8 › Service Mesh Day Recap Overview · `notes\/20190604-cloud-native-meetup-tokyo-8\.md:24`/);
    expect(text).toContain('what is Brown Field?');
    const ids = buttons(answer?.body.blocks).map((button) => button.action_id);
    expect(ids).toEqual([SLACK_ACTIONS.share, SLACK_ACTIONS.helpful, SLACK_ACTIONS.notHelpful]);

    // "Share in channel" posts the answer publicly and takes the button off the private copy.
    const answerId = buttons(answer?.body.blocks)[0]?.value ?? '';
    const clickUrl = bot.api.responseUrl();
    expect((await bot.requests.action(buttonClick(SLACK_ACTIONS.share, answerId, { responseUrl: clickUrl }))).status).toBe(200);
    const [shared] = await bot.api.waitFor(() => (bot.api.callsOf('chat.postMessage').length > 0 ? bot.api.callsOf('chat.postMessage') : null));
    expect(shared?.args).toMatchObject({ channel: 'C0GENERAL', unfurl_links: 'false', unfurl_media: 'false' }); // form-encoded
    expect(shared?.headers.authorization).toBe(`Bearer ${bot.api.botToken}`);
    expect(blocksText(shared?.args.blocks)).toContain('VM上で管理されているサービス');
    expect(blocksText(shared?.args.blocks)).toContain('<@U0ASKER> asked: what is Brown Field?');
    expect(buttons(shared?.args.blocks).map((button) => button.action_id)).toEqual([SLACK_ACTIONS.helpful, SLACK_ACTIONS.notHelpful]);
    const [replaced] = await bot.api.waitFor(() => (bot.api.responsesTo(clickUrl).length > 0 ? bot.api.responsesTo(clickUrl) : null));
    expect(replaced?.body).toMatchObject({ replace_original: true });
    expect(blocksText(replaced?.body.blocks)).toContain('Shared in the channel.');
    expect(buttons(replaced?.body.blocks).map((button) => button.action_id)).not.toContain(SLACK_ACTIONS.share);

    // Feedback is stored with the question; a second click by the same person replaces the vote.
    const feedbackUrl = bot.api.responseUrl();
    await bot.requests.action(buttonClick(SLACK_ACTIONS.notHelpful, answerId, { responseUrl: feedbackUrl, user: 'U0RATER' }));
    await bot.requests.action(buttonClick(SLACK_ACTIONS.helpful, answerId, { responseUrl: feedbackUrl, user: 'U0RATER' }));
    await bot.api.waitFor(() => bot.api.responsesTo(feedbackUrl).length >= 2 || null);
    expect(bot.api.responsesTo(feedbackUrl)[1]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/Thanks/) });
    const votes = await new FeedbackStore(bot.runtime.redis, bot.runtime.config.keyPrefix).list();
    expect(votes).toEqual([expect.objectContaining({ answerId, question: 'what is Brown Field?', user: 'U0RATER', value: 'helpful', platform: 'slack' })]);
  });

  it('answers a mention in a thread, and a follow-up mention in the same thread', async () => {
    const first = mentionEvent('what is Brown Field?', { ts: '1710000000.000100' });
    expect((await bot.requests.event(first)).status).toBe(200);
    const placeholder = await bot.api.waitFor(() => bot.api.callsOf('chat.postMessage').find((call) => call.args.thread_ts === '1710000000.000100'));
    expect(placeholder.args.text).toBe('Searching the notes…');
    const update = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => blocksText(call.args.blocks).includes('VM上で管理されているサービス')));
    expect(update.args.channel).toBe('C0GENERAL');

    const followUp = mentionEvent('それはなぜ技術的負債が多いの?', { ts: '1710000050.000200', threadTs: '1710000000.000100' });
    await bot.requests.event(followUp);
    const inThread = await bot.api.waitFor(() => bot.api.callsOf('chat.postMessage').filter((call) => call.args.thread_ts === '1710000000.000100').at(1));
    expect(inThread.args.text).toBe('Searching the notes…');
    await bot.api.waitFor(() => bot.api.callsOf('chat.update').length >= 2 || null);
  });

  it('says "not in the notes" with the nearest lines when the notes do not cover a question', async () => {
    const { responses } = await recap('ask what is the recipe for okonomiyaki batter?');
    const text = blocksText(responses[0]?.body.blocks);
    expect(text).toMatch(/do not cover this/);
    expect(text).toMatch(/Nearest lines:\*? \[1\]/);
  });

  it('words the reply around a Japanese answer in Japanese', async () => {
    const { responses } = await recap('ask お好み焼きの生地のレシピは?');
    const text = blocksText(responses[0]?.body.blocks);
    expect(text).toMatch(/ノートにはこの質問への答えが見つかりませんでした/);
    expect(text).toMatch(/近い記述:\*? \[1\]/);
    expect(text).not.toMatch(/Nearest/);
  });

  it('answers an event once, however often Slack delivers it (retries, duplicates)', async () => {
    const event = mentionEvent('what is Brown Field?', { ts: '1720000000.000100' });
    const eventId = 'Ev0DUPLICATE1';
    const deliveries = await Promise.all([bot.requests.event(event, { eventId }), bot.requests.event(event, { eventId, retryNum: 1 })]);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
    await bot.requests.event(event, { eventId, retryNum: 2 });
    await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => blocksText(call.args.blocks).includes('VM上で管理')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.api.callsOf('chat.postMessage').filter((call) => call.args.thread_ts === '1720000000.000100')).toHaveLength(1);
  });

  it('neutralizes mass mentions coming from the notes', async () => {
    const { responses } = await recap('ask what is Alert Storm?');
    const body = responses[0]?.body ?? {};
    const all = JSON.stringify(body);
    expect(blocksText(body.blocks)).toContain('&lt;!channel&gt;');
    for (const ping of ['<!channel>', '<!here>', '<@U0VICTIM>', '<!subteam^']) expect(all).not.toContain(ping);
    expect(all).not.toMatch(/@everyone/);
    expect(blocksText(body.blocks)).toContain('@\u200beveryone');
  });

  it('lists notes, summarizes the latest or a fuzzily named note, defines terms, and shows help', async () => {
    const list = await recap('list');
    expect(list.ack.text).toBe('Listing the notes…');
    expect(blocksText(list.responses[0]?.body.blocks)).toMatch(/2 notes, newest first:[\s\S]*20240901 Alerting LT[\s\S]*20190604 Cloud Native Meetup Tokyo #8/);

    const latest = await recap('summary');
    expect(blocksText(latest.responses[0]?.body.blocks)).toContain('Alert Storm');
    const named = await recap('summary ｃｌｏｕｄ ｎａｔｉｖｅ #8');
    const summary = blocksText(named.responses[0]?.body.blocks);
    expect(summary).toContain('Cloud Native Meetup Tokyo #8');
    expect(summary).toMatch(/Extractive recap/);
    const missing = await recap('summary okonomiyaki night');
    expect(blocksText(missing.responses[0]?.body.blocks)).toMatch(/No note matches "okonomiyaki night"/);

    const define = await recap('define brown field');
    const defined = blocksText(define.responses[0]?.body.blocks);
    expect(defined).toContain('VM上で管理されているサービス');
    expect(defined).toMatch(/Service Mesh Day Recap Overview/);
    expect(defined).toMatch(/md:24/);

    const translate = await recap('translate cloud native #8 en');
    expect(blocksText(translate.responses[0]?.body.blocks)).toMatch(/Not translated: translation needs an LLM provider/);

    const help = await recap('help', { count: 0 });
    expect(blocksText(help.ack.blocks)).toMatch(/\/recap ask &lt;question&gt;/);
    const unknown = await recap('what is Brown Field?', { count: 0 });
    expect(blocksText(unknown.ack.blocks)).toMatch(/"what" is not a \/recap subcommand[\s\S]*\/recap summary/);
    const ingestHelp = await recap('ingest', { count: 0 });
    expect(blocksText(ingestHelp.ack.blocks)).toMatch(/share a \.md or \.txt file/);
  });

  it('lets only admins ingest files: others get a polite refusal, admins get the note searchable', async () => {
    bot.api.files.set('F0NOTE', { id: 'F0NOTE', name: 'edge-meetup.md', content: UPLOADED_NOTE });
    const files = [{ id: 'F0NOTE', name: 'edge-meetup.md' }];

    await bot.requests.event(mentionEvent('ingest', { user: 'U0MEMBER', ts: '1730000000.000100', files }));
    const refusal = await bot.api.waitFor(() => bot.api.callsOf('chat.postEphemeral').find((call) => call.args.user === 'U0MEMBER'));
    expect(refusal.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1730000000.000100' });
    expect(String(refusal.args.text)).toMatch(/only workspace admins and owners/);
    expect(bot.api.downloads).toHaveLength(0);

    await bot.requests.event(mentionEvent('ingest please', { user: 'U0ADMIN', ts: '1730000100.000100', files }));
    const result = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => /edge-meetup\.md/.test(blocksText(call.args.blocks))), 20_000);
    expect(blocksText(result.args.blocks)).toMatch(/edge-meetup\.md: ingested as edge-meetup \("20241010 Edge Meetup"/);
    expect(bot.api.downloads).toEqual([{ fileId: 'F0NOTE', authorization: `Bearer ${bot.api.botToken}` }]);
    const noteId = await eventually(async () => (await bot.runtime.store.idForSource(`slack:${bot.api.teamId}:F0NOTE`)) ?? null);
    expect(noteId).toBe('edge-meetup');
    await eventually(async () => (bot.index.hasNote(noteId) ? true : null));
    const { responses } = await recap('ask what is Spin Framework?');
    expect(blocksText(responses[0]?.body.blocks)).toMatch(/Fermyon[\s\S]*slack\/edge-meetup\.md:5/);

    // The same file again is unchanged; a listed admin may ingest too.
    await bot.requests.event(mentionEvent('ingest', { user: 'U0LISTED', ts: '1730000200.000100', files }));
    const again = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => /unchanged/.test(blocksText(call.args.blocks))), 20_000);
    expect(blocksText(again.args.blocks)).toMatch(/edge-meetup\.md: unchanged/);
  });

  it('refuses oversized and non-note files before downloading them, saying why', async () => {
    bot.api.files.set('F0BIG', { id: 'F0BIG', name: 'huge.md', content: 'x', size: 10_000 });
    bot.api.files.set('F0PDF', { id: 'F0PDF', name: 'slides.pdf', content: '%PDF' });
    const downloadsBefore = bot.api.downloads.length;
    await bot.requests.event(mentionEvent('ingest', { user: 'U0ADMIN', ts: '1730000300.000100', files: [{ id: 'F0BIG', name: 'huge.md' }, { id: 'F0PDF', name: 'slides.pdf' }] }));
    const result = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => /huge\.md/.test(blocksText(call.args.blocks))));
    const text = blocksText(result.args.blocks);
    expect(text).toMatch(/huge\.md: not ingested: it is 9\.8 KiB; the limit is 8\.0 KiB \(MAX_NOTE_BYTES\)/);
    expect(text).toMatch(/slides\.pdf: not ingested: not a note/);
    expect(bot.api.downloads.length).toBe(downloadsBefore);
  });

  it('delete: only admins; a title fragment deletes nothing and asks with Delete / Cancel buttons carrying exact ids', async () => {
    const refused = await recap('delete alerting', { user: 'U0MEMBER' });
    expect(blocksText(refused.responses[0]?.body.blocks)).toMatch(/only workspace admins and owners/);
    expect(await bot.runtime.store.getNote('20240901-alerting-lt')).not.toBeNull();

    // "e" is in every title: before, the newest such note was deleted on the spot.
    const listed = await bot.runtime.store.listNotes();
    const notesBefore = listed.map((note) => note.id);
    const several = await recap('delete e', { user: 'U0ADMIN' });
    const severalText = blocksText(several.responses[0]?.body.blocks);
    expect(severalText).toMatch(new RegExp(`${notesBefore.length} notes match "e"\\. Nothing is deleted until you pick one:`));
    for (const [position, note] of listed.slice(0, 4).entries()) expect(severalText).toContain(`${position + 1}. ${note.title} (id: ${note.id})`);
    expect(buttons(several.responses[0]?.body.blocks).map((button) => button.value)).toEqual([...notesBefore.slice(0, 4), 'cancel']);
    expect((await bot.runtime.store.listNotes()).map((note) => note.id)).toEqual(notesBefore);

    const asked = await recap('delete alerting', { user: 'U0ADMIN' });
    const blocks = asked.responses[0]?.body.blocks;
    expect(blocksText(blocks)).toMatch(/^:wastebasket: Delete 20240901 Alerting LT \(id: 20240901-alerting-lt\)\?/);
    expect(buttons(blocks)).toEqual([
      expect.objectContaining({ action_id: `${SLACK_ACTIONS.deleteNote}_1`, value: '20240901-alerting-lt', style: 'danger', text: expect.objectContaining({ text: 'Delete' }) }),
      expect.objectContaining({ action_id: SLACK_ACTIONS.cancelDelete, text: expect.objectContaining({ text: 'Cancel' }) }),
    ]);
    expect(await bot.runtime.store.getNote('20240901-alerting-lt')).not.toBeNull();

    // A click is checked again: a member's (demoted, or a forged payload) deletes nothing.
    const memberClick = bot.api.responseUrl();
    expect((await bot.requests.action(buttonClick(`${SLACK_ACTIONS.deleteNote}_1`, '20240901-alerting-lt', { user: 'U0MEMBER', responseUrl: memberClick }))).status).toBe(200);
    const [refusal] = await bot.api.waitFor(() => (bot.api.responsesTo(memberClick).length > 0 ? bot.api.responsesTo(memberClick) : null));
    expect(refusal?.body).toMatchObject({ replace_original: false });
    expect(blocksText(refusal?.body.blocks)).toMatch(/only workspace admins and owners/);
    expect(await bot.runtime.store.getNote('20240901-alerting-lt')).not.toBeNull();

    const cancelClick = bot.api.responseUrl();
    await bot.requests.action(buttonClick(SLACK_ACTIONS.cancelDelete, 'cancel', { user: 'U0ADMIN', responseUrl: cancelClick }));
    const [cancelled] = await bot.api.waitFor(() => (bot.api.responsesTo(cancelClick).length > 0 ? bot.api.responsesTo(cancelClick) : null));
    expect(cancelled?.body).toMatchObject({ replace_original: true });
    expect(blocksText(cancelled?.body.blocks)).toBe('Cancelled: nothing was deleted.');
    expect(await bot.runtime.store.getNote('20240901-alerting-lt')).not.toBeNull();

    const adminClick = bot.api.responseUrl();
    await bot.requests.action(buttonClick(`${SLACK_ACTIONS.deleteNote}_1`, '20240901-alerting-lt', { user: 'U0ADMIN', responseUrl: adminClick }));
    const [done] = await bot.api.waitFor(() => (bot.api.responsesTo(adminClick).length > 0 ? bot.api.responsesTo(adminClick) : null), 20_000);
    expect(done?.body).toMatchObject({ replace_original: true });
    expect(blocksText(done?.body.blocks)).toBe('Deleted 20240901 Alerting LT (20240901-alerting-lt) from the notes.');
    expect(buttons(done?.body.blocks)).toEqual([]);
    expect(await bot.runtime.store.getNote('20240901-alerting-lt')).toBeNull();
    await eventually(async () => (bot.index.hasNote('20240901-alerting-lt') ? null : true));
  });

  it('delete: an exact note id is deleted at once', async () => {
    const source = 'notes/20241105-platform-night.md';
    const { noteId } = await ingestNote(bot.runtime.store, { source, sourceKey: `test:${source}`, bytes: Buffer.from('# 20241105 Platform Night\n\n## Talks\n\n- Internal Developer Portal\n'), maxBytes: 8192 });
    const deleted = await recap(`delete ${noteId}`, { user: 'U0LISTED' });
    expect(blocksText(deleted.responses[0]?.body.blocks)).toBe(`Deleted 20241105 Platform Night (${noteId}) from the notes.`);
    expect(await bot.runtime.store.getNote(noteId)).toBeNull();
  });

  it('still delivers the answer when Slack refuses to update the placeholder', async () => {
    bot.api.failNext.set('chat.update', 'message_not_found');
    await bot.requests.event(mentionEvent('what is Brown Field?', { ts: '1740000000.000100' }));
    const posted = await bot.api.waitFor(() => bot.api.callsOf('chat.postMessage').find((call) => call.args.thread_ts === '1740000000.000100' && blocksText(call.args.blocks).includes('VM上で管理')));
    expect(posted.args.channel).toBe('C0GENERAL');
  });

  it('fails at start, naming the variable, when Slack refuses the bot token', async () => {
    bot.api.failNext.set('auth.test', 'invalid_auth');
    const settings = settingsOf(slackSettingsReader, bot.runtime.config);
    if (settings === null) throw new Error('Slack is configured in this test');
    const refused = createSlackAdapter(bot.context, { ...settings, port: 0 }, { retryConfig: { retries: 0 } });
    await expect(refused.start()).rejects.toThrow(/SLACK_BOT_TOKEN: Slack refused the token; copy the Bot User OAuth Token/);
  });
});
