import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecap, type RunningRecap } from '../../src/app/start-recap.js';
import { createLogger } from '../../src/logger.js';
import { chromiumPath, launchBrowser } from '../helpers/browser.js';
import { seedNotePath } from '../helpers/corpus.js';
import { deleteKeys, testConfig } from '../helpers/test-runtime.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789';
// A note is untrusted text: markup in it must show as text and never run.
// The parser drops raw tags from prose; code keeps them, so the page must escape them itself.
const HOSTILE_NOTE = `# 20240601 <script>window.__xss = 1</script> Night

## <img src=x onerror="window.__xss = 2"> talk

- inline code \`<script>window.__xss = 3</script>\` in a bullet
- a line with <b>tags</b> and <a href="javascript:window.__xss=4">a link</a>

\`\`\`html
<img src=x onerror="window.__xss = 5">
\`\`\`
`;

describe.skipIf(chromiumPath === null)('the web page in a browser', () => {
  let dir: string;
  let running: RunningRecap;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-web-'));
    copyFileSync(seedNotePath, path.join(dir, 'seed.md'));
    copyFileSync(path.resolve(import.meta.dirname, '../fixtures/own/2024-02-08-observability-night.md'), path.join(dir, 'observability.md'));
    writeFileSync(path.join(dir, 'hostile.md'), HOSTILE_NOTE);
    // Binary bytes: its ingest job fails for good, with a reason the admin page shows.
    writeFileSync(path.join(dir, 'broken.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x00, 0xff, 0xfe, 0x00]));
    running = await startRecap(testConfig({ NOTES_DIR: dir, RECAP_WATCH: 'false', RECAP_ADMIN_TOKEN: ADMIN_TOKEN }), createLogger('silent', { pretty: false }));
    base = running.web?.url ?? '';
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    if (running) await deleteKeys(running.runtime.redisUrl, running.runtime.config.keyPrefix);
    rmSync(dir, { recursive: true, force: true });
  });

  async function loggedInPage(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${base}/notes`);
    // Not public: the page asks for the login first and returns to the notes after it.
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=token]', ADMIN_TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/notes`);
    return page;
  }

  it('finds a note from the list and shows its outline with line anchors, recap and source', async () => {
    const page = await loggedInPage();
    expect(await page.locator('ul.notes li').count()).toBe(3);
    await page.fill('input[name=q]', 'Observability');
    await page.click('form.search button');
    await page.click('text=Observability Night vol.3');
    expect(page.url()).toMatch(/\/notes\/observability$/);
    expect(await page.locator('h1').textContent()).toBe('Observability Night vol.3');
    // Line 6 of the file is the talk's heading; its row is the anchor #L6.
    expect(await page.locator('#L6 .text').textContent()).toContain('OpenTelemetry in practice');
    expect(await page.locator('h2[id^=recap-]').count()).toBeGreaterThan(0);
    expect(await page.locator('text=observability.md').count()).toBeGreaterThan(0);
    // Off the record never reaches the page.
    expect(await page.content()).not.toContain('payment team');
    await page.close();
  });

  it('answers a question and a citation lands on the cited line', async () => {
    const page = await loggedInPage();
    await page.goto(`${base}/ask?q=${encodeURIComponent('What is Brown Field?')}`);
    expect(await page.locator('.answer').textContent()).toContain('VM上で管理されているサービス');
    const first = page.locator('ol.citations a').first();
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/notes\/seed#L\d+$/);
    await first.click();
    const line = (href ?? '').split('#L')[1];
    await page.waitForURL(`${base}${href ?? ''}`);
    // The cited row is the :target (highlighted) and shows the cited text.
    expect(await page.locator(`#L${line}:target .text`).textContent()).toContain('Brown Field');
    await page.close();
  });

  it('renders a hostile note inert: markup shows as text and no script runs', async () => {
    const page = await loggedInPage();
    const response = await page.goto(`${base}/notes/hostile`);
    // Escaping is the defence; the policy is a second one (no script at all).
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await page.locator('main').textContent()).toContain('<script>window.__xss = 3</script>');
    expect(await page.locator('main').textContent()).toContain('<img src=x onerror="window.__xss = 5">');
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0);
    await page.close();
  });

  it('refuses a form posted without its CSRF token', async () => {
    const page = await loggedInPage();
    // The browser's own cookies (the session), but no CSRF token in the form.
    const response = await page.request.post(`${base}/logout`, { form: { next: '/notes' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('did not come from this site');
    // Still logged in: the refused log-out did nothing.
    await page.goto(`${base}/notes`);
    expect(new URL(page.url()).pathname).toBe('/notes');
    await page.close();
  });

  it('shows a failed job with its reason on the admin page, and retries it', async () => {
    const page = await loggedInPage();
    await page.goto(`${base}/admin`);
    const failed = page.locator('.failed-job', { hasText: 'ingest' });
    expect(await failed.count()).toBe(1);
    expect(await failed.locator('.error').textContent()).toMatch(/binary|not text|NUL/i);
    await failed.locator('button', { hasText: 'Retry' }).click();
    await page.waitForURL(/\/admin\?retried=/);
    expect(await page.locator('[role=status]').textContent()).toMatch(/is queued again/);
    await page.goto(`${base}/schedules`);
    expect(await page.locator('h1').textContent()).toBe('Scheduled recaps');
    await page.close();
  });

  it('refuses a wrong token and keeps the pages closed', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/notes/seed`);
    await page.fill('input[name=token]', 'not-the-token-at-all');
    await page.click('button[type=submit]');
    expect(await page.locator('[role=alert]').textContent()).toContain('not the admin token');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });
});
