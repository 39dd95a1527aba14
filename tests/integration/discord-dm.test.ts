import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postsIn, startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';

describe('Discord direct messages (the real discord.js Client against a local gateway and REST server)', () => {
  let recap: DiscordRecap;

  beforeAll(async () => {
    recap = await startDiscordRecap({ redisUrl: inject('redisUrl') });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  const dm = (content: string): string => recap.fake.sendDirectMessage({ content, author: recap.fake.member });
  const replyText = async (content: string): Promise<string> => String((await waitForReply(recap.fake, dm(content))).body.content);

  it('asks for the direct messages intent (and the guild ones)', () => {
    const intents = Number(recap.fake.identifies[0]?.intents);
    expect(intents & (1 << 12)).toBe(1 << 12);
    expect(intents & (1 << 15)).toBe(1 << 15);
  });

  it('answers a question in the DM, with its sources, pinging nobody', async () => {
    const questionId = dm('what is Brown Field?');
    const reply = await waitForReply(recap.fake, questionId);
    expect(reply.path).toBe(`/channels/${recap.fake.dmChannelId}/messages`);
    expect(reply.body.content).toContain('技術的負債が多いサービス');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const embed = (reply.body.embeds as Array<{ title: string; fields: Array<{ name: string }> }>)[0];
    expect(embed?.fields[0]?.name).toBe('[1] 20190604 Cloud Native Meetup Tokyo #8 › Service Mesh Day Recap Overview');
    // A DM is not conversation: nothing of it is kept for conversation recaps.
    expect(await recap.running.runtime.conversations.get('discord', recap.fake.dmChannelId, questionId)).toBeNull();
  });

  it('answers help, and runs commands typed as after /recap: list, summary <note>, define <term>', async () => {
    expect(await replyText('help')).toMatch(/Ask me about the meetup notes here/);
    expect(await replyText('list')).toContain('20190604 Cloud Native Meetup Tokyo #8');
    expect(await replyText('summary cloud native #8')).toContain('Cloud Native Meetup Tokyo #8');
    expect(await replyText('define Brown Field')).toContain('Brown Field');
  });

  it('sends admin actions and conversation recaps to a server channel, politely', async () => {
    expect(await replyText('delete cloud native #8')).toMatch(/deleted in a server channel/);
    expect(await replyText('schedule add digest')).toMatch(/managed in a server channel/);
    expect(await replyText('ingest https://example.com/note.md')).toMatch(/added in a server channel/);
    expect(await replyText('まとめて')).toMatch(/work in a server channel/);
    expect(await replyText('channel since 2h')).toMatch(/work in a server channel/);
    // Nothing was deleted.
    expect(await replyText('list')).toContain('20190604 Cloud Native Meetup Tokyo #8');
  });

  it('never answers its own DMs or other bots', async () => {
    const { fake } = recap;
    const before = postsIn(fake, fake.dmChannelId).length;
    fake.sendDirectMessage({ content: 'what is Brown Field?', author: fake.botUser });
    fake.sendDirectMessage({ content: 'what is Brown Field?', author: fake.otherBot });
    // A marker that is answered: the messages before it have been handled by then.
    await waitForReply(fake, dm('help'));
    expect(postsIn(fake, fake.dmChannelId).length - before).toBe(1);
  });
});
