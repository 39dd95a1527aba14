import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { slashCommand, startDiscordRecap, type DiscordRecap } from '../helpers/discord-recap.js';
import { FakeOpenAiServer, type RecordedRequest } from '../helpers/fake-openai-server.js';
import { fakeRecapReply } from '../helpers/fake-recap-reply.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { fakeTranslateReply } from '../helpers/fake-translate-reply.js';
import { SlackRequests } from '../helpers/slack-requests.js';

const SECRET = 'test-signing-secret-0123456789';
const SEED_ID = '20190604-cloud-native-meetup-tokyo-8';

/**
 * `/recap summary <note> <language>` is one command run by one runner whatever the platform:
 * recap as `npm start` runs it (startRecap, its workers, real bolt and discord.js against local
 * stand-ins), with a model, asked for a recap in a language it has not written yet. The first
 * reply is the extractive recap while the model's is written in that language; the next one is
 * the model's, in that language.
 */
describe('the language of /recap summary, in Slack and in Discord', () => {
  const model = new FakeOpenAiServer();
  let slackApi: FakeSlackApi;
  let slack: SlackRequests;
  let recap: DiscordRecap;

  beforeAll(async () => {
    await model.start();
    const system = (request: RecordedRequest): string => request.body.messages[0]?.content ?? '';
    model.onRequest((request) => {
      if (/^You (write the recap|combine)/.test(system(request))) return fakeRecapReply(request);
      if (system(request).startsWith('You translate one section')) return fakeTranslateReply(request);
      return { text: 'Brown Field is a VM-based service [1].' };
    });
    slackApi = new FakeSlackApi();
    await slackApi.start();
    recap = await startDiscordRecap({
      redisUrl: inject('redisUrl'),
      env: {
        OPENAI_BASE_URL: model.url,
        OPENAI_MODEL: 'fake-model',
        LLM_MAX_RETRIES: '0',
        SLACK_BOT_TOKEN: slackApi.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slackApi.apiUrl,
        PORT: '0',
      },
    });
    const slackAdapter = recap.running.adapters.find((adapter) => adapter.platform === 'slack') as { httpPort?: number | null } | undefined;
    slack = new SlackRequests(`http://127.0.0.1:${slackAdapter?.httpPort ?? 0}/slack/events`, SECRET, slackApi.teamId);
  });
  afterAll(async () => {
    await recap?.stop();
    await slackApi?.stop();
    await model.stop();
  });

  /** The text of the reply to one `/recap …` in Slack (blocks and all, as JSON). */
  async function slackReply(text: string): Promise<string> {
    const responseUrl = slackApi.responseUrl();
    await slack.command(text, { responseUrl });
    const replies = await slackApi.waitFor(() => (slackApi.responsesTo(responseUrl).length > 0 ? slackApi.responsesTo(responseUrl) : null), 20_000, `a reply to /recap ${text}`);
    return JSON.stringify(replies.map((reply) => reply.body));
  }

  it('Slack: /recap summary <note> fr is the French recap (the language is the last word)', async () => {
    const first = await slackReply('summary cloud native #8 fr');
    expect(first).toContain('Service Mesh Day Recap Overview');
    expect(first).toMatch(/being prepared, ask again in a minute/);
    await expect.poll(() => slackReply('summary cloud native #8 fr'), { timeout: 20_000, interval: 500 }).toMatch(/A French recap\.[\s\S]*Recap written by fake-model \(fr\)/);
    // The newest note when only a language is given.
    await expect.poll(() => slackReply('summary fr'), { timeout: 20_000, interval: 500 }).toMatch(new RegExp(`Recap written by fake-model \\(fr\\) from ${SEED_ID}`));
  });

  it('Discord: /recap summary note:<note> lang:de is the German recap', async () => {
    const first = await slashCommand(recap.fake, 'summary', { note: 'cloud native #8', lang: 'de' });
    expect(first.original.body.content).toMatch(/being prepared, ask again in a minute/);
    await expect
      .poll(async () => String((await slashCommand(recap.fake, 'summary', { note: 'cloud native #8', lang: 'de' })).original.body.content), { timeout: 20_000, interval: 500 })
      .toMatch(/A German recap\.[\s\S]*Recap written by fake-model \(de\)/);
  });

  it('Discord: a lang that is not a language code is refused, naming it', async () => {
    const discord = await slashCommand(recap.fake, 'summary', { note: SEED_ID, lang: 'German' });
    expect(discord.original.body.content).toMatch(/"German" is not a language code such as ja or en\./);
  });
});
