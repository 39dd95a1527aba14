import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';
import { recapRunner } from '../helpers/run-recap.js';

const PUBLIC_URL = 'https://recap.example.org';
const LINE_24 = `${PUBLIC_URL}/notes/20190604-cloud-native-meetup-tokyo-8#L24`;

/** With RECAP_PUBLIC_URL, citations in chat and on the terminal link to the cited line on the web page. */
describe('citation links to the web page', () => {
  let recap: DiscordRecap;

  beforeAll(async () => {
    recap = await startDiscordRecap({ redisUrl: inject('redisUrl'), env: { RECAP_PUBLIC_URL: `${PUBLIC_URL}/` } });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  it('links a Discord answer\'s sources to their lines', async () => {
    const { fake } = recap;
    const id = fake.sendMessage({ content: `<@${fake.botUser.id}> what is Brown Field?`, author: fake.member, mentions: [fake.botUser] });
    const reply = await waitForReply(fake, id);
    const embed = (reply.body.embeds as Array<{ fields: Array<{ value: string }> }>)[0];
    expect(embed?.fields[0]?.value).toContain(`](${LINE_24})`);
  });

  it('links the terminal answer of `recap ask` to the line', async () => {
    const prefix = recap.config.keyPrefix;
    const run = recapRunner({ prefix, env: () => ({ RECAP_PUBLIC_URL: PUBLIC_URL }) });
    const asked = await run(['ask', 'what is Brown Field?']);
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain(LINE_24);
    // Without the variable: no link.
    const plain = await recapRunner({ prefix })(['ask', 'what is Brown Field?']);
    expect(plain.stdout).not.toContain('https://');
  });
});
