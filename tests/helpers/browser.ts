import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The Chromium the browser tests drive (playwright-core downloads no browser): CHROMIUM_PATH, or
 * Debian's `chromium` (`.ci/run` installs it when missing). Null when there is none: those tests
 * then skip, saying so.
 */
export const chromiumPath: string | null = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate)) ?? null;

if (chromiumPath === null) process.stderr.write('browser tests skipped: no chromium (apt-get install chromium, or set CHROMIUM_PATH)\n');

export function launchBrowser(): Promise<Browser> {
  if (chromiumPath === null) throw new Error('no chromium');
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}
