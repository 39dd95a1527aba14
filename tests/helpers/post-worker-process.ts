// A post-recap worker in a process of its own, so a test can kill it (SIGKILL: no cleanup) while
// it posts. Configured by argv: <redis-url> <key prefix> <Slack API URL> <Discord API URL>.
import { loadAppConfig } from '../../src/app/platforms.js';
import { createLogger } from '../../src/logger.js';
import { openAppRuntime } from '../../src/app/app-runtime.js';
import { startPostRecapWorker } from '../../src/jobs/start-workers.js';
import { FAST_RECOVERY } from './fast-recovery.js';

const [url, prefix, slackApiUrl, discordApiUrl] = process.argv.slice(2);
if (!url || !prefix || !slackApiUrl || !discordApiUrl) throw new Error('usage: post-worker-process <redis-url> <prefix> <slack-api-url> <discord-api-url>');

const config = loadAppConfig({
  REDIS_URL: url,
  RECAP_KEY_PREFIX: prefix,
  LOG_LEVEL: 'silent',
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_API_URL: slackApiUrl,
  DISCORD_TOKEN: 'fake.discord.token',
  DISCORD_API_URL: discordApiUrl,
  RECAP_LANGUAGES: 'ja',
});
const runtime = await openAppRuntime(config, createLogger('silent', { pretty: false }), { redisUrl: url });
const worker = startPostRecapWorker(runtime, FAST_RECOVERY);
worker.on('active', () => process.stdout.write('active\n'));
await worker.waitUntilReady();
process.stdout.write('ready\n');
