import type { RunningWeb } from '../web/serve-web.js';
import { writeOut } from './terminal-output.js';

/**
 * Tells the person at the terminal where the web page is. A login link made for this run goes
 * to stdout only: the log (which may be shipped elsewhere) never carries the token.
 */
export function printWebAddress(web: RunningWeb): void {
  writeOut(web.loginUrl ? `Web page: ${web.url} (log in with ${web.loginUrl})\n` : `Web page: ${web.url}\n`);
}
