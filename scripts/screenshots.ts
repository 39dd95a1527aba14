// `npm run screenshots`: the web page as a new user sees it, desktop and phone, into
// docs/screenshots/ (the README shows them). Runs recap on its own redis-server with notes/ and
// the project's own fixture notes; needs chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRecap } from '../src/app/start-recap.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startLocalRedis } from '../src/store/local-redis.js';
import { launchBrowser } from '../tests/helpers/browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs/screenshots');
const TOKEN = 'screenshot-admin-token-0123456789';

const dataDir = mkdtempSync(path.join(tmpdir(), 'recap-shots-'));
const notesDir = path.join(dataDir, 'notes');
mkdirSync(notesDir);
for (const dir of [path.join(root, 'notes'), path.join(root, 'tests/fixtures/own')]) {
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.md'))) copyFileSync(path.join(dir, name), path.join(notesDir, name));
}
const redis = await startLocalRedis({ dataDir, persist: false });
const config = loadConfig({ REDIS_URL: redis.url, LOG_LEVEL: 'silent', WEB_PORT: '0', NOTES_DIR: notesDir, RECAP_WATCH: 'false', RECAP_ADMIN_TOKEN: TOKEN });
const running = await startRecap(config, createLogger('silent', { pretty: false }));
const base = running.web?.url ?? '';
const browser = await launchBrowser();
try {
  mkdirSync(out, { recursive: true });
  const shots: Array<[string, string]> = [
    ['notes', '/notes'],
    ['note', '/notes/20190604-cloud-native-meetup-tokyo-8#L24'],
    ['ask', `/ask?q=${encodeURIComponent('サービスメッシュって何?')}`],
    ['admin', '/admin'],
  ];
  for (const [viewport, size] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 390, height: 844 }]] as const) {
    const context = await browser.newContext({ viewport: size, deviceScaleFactor: viewport === 'phone' ? 2 : 1 });
    const page = await context.newPage();
    await page.goto(`${base}/login?token=${TOKEN}`);
    for (const [name, url] of shots) {
      await page.goto(`${base}${url}`);
      const file = path.join(out, `${name}-${viewport}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await running.stop();
  await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
