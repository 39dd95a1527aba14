import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { runRecap, type RecapRun } from '../helpers/run-recap.js';

/** The real `recap` command with `env` and PATH only: none of this process's settings (DISCORD_*, say) reach it. */
const recap = (args: string[], env: Record<string, string>): Promise<RecapRun> => runRecap(args, { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });

describe('recap discord register', () => {
  const fake = new FakeDiscord();
  let env: Record<string, string>;

  beforeAll(async () => {
    await fake.start();
    fake.acceptedToken = 'fake.discord.token';
    env = { DISCORD_TOKEN: 'fake.discord.token', DISCORD_API_URL: fake.apiUrl };
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('registers /recap in one guild, asking Discord for the application id, and prints what it registered', async () => {
    const guildId = '123456789012345678';
    const result = await recap(['discord', 'register', '--guild', guildId], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Registered for application ${fake.applicationId} in guild ${guildId}:`);
    for (const sub of ['ask', 'summary', 'translate', 'list', 'define', 'delete', 'thread', 'channel', 'purge', 'ingest', 'schedule add', 'schedule list', 'schedule remove', 'schedule run-now']) expect(result.stdout).toMatch(new RegExp(`^  /recap ${sub}\\s+\\S`, 'm'));
    expect(fake.callsWhere((call) => call.path === '/applications/@me')).toHaveLength(1);
    const [put] = fake.callsWhere((call) => call.method === 'PUT');
    expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${guildId}/commands`);
    expect(put?.authorization).toBe('Bot fake.discord.token');
    const [command] = put?.body as unknown as Array<{ name: string; contexts: number[]; options: Array<{ name: string; type: number }> }>;
    expect(command?.name).toBe('recap');
    expect(command?.contexts).toEqual([0]);
    expect(command?.options.map((option) => option.name)).toEqual(['ask', 'summary', 'translate', 'list', 'define', 'delete', 'thread', 'channel', 'purge', 'ingest', 'schedule']);
    // The schedule group (type 2) holds its own subcommands.
    const group = command?.options.at(-1) as { type: number; options: Array<{ name: string }> } | undefined;
    expect(group?.type).toBe(2);
    expect(group?.options.map((option) => option.name)).toEqual(['add', 'list', 'remove', 'run-now']);
  });

  it('registers globally with DISCORD_APPLICATION_ID, as JSON', async () => {
    const applicationId = '223456789012345678';
    const result = await recap(['discord', 'register', '--json'], { ...env, DISCORD_APPLICATION_ID: applicationId });
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as { applicationId: string; scope: string; commands: Array<{ name: string; subcommands: unknown[] }> };
    expect(printed).toMatchObject({ applicationId, scope: 'global', commands: [{ name: 'recap' }] });
    expect(printed.commands[0]?.subcommands).toHaveLength(14);
    expect(fake.callsWhere((call) => call.method === 'PUT').at(-1)?.path).toBe(`/applications/${applicationId}/commands`);
  });

  it('says which variable to set', async () => {
    const missing = await recap(['discord', 'register'], {});
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/DISCORD_TOKEN: is required to register commands/);
  });

  it('says the token was refused, without printing it', async () => {
    const refused = await recap(['discord', 'register'], { ...env, DISCORD_TOKEN: 'a.wrong.token' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/DISCORD_TOKEN: Discord refused the token \(401\)/);
    expect(refused.stderr).not.toContain('a.wrong.token');
  });

  it('refuses a guild that is not an id', async () => {
    const badGuild = await recap(['discord', 'register', '--guild', 'general'], env);
    expect(badGuild.status).toBe(2);
    expect(badGuild.stderr).toMatch(/server \(guild\) id/);
  });
});
