import { existsSync } from 'node:fs';
import path from 'node:path';
import { RecapError } from '../errors.js';
import { exitWithError } from './with-runtime.js';

/**
 * Loads `.env` from the working directory when there is one (Node's own parser,
 * process.loadEnvFile): `cp .env.example .env && npm start` just works. Variables already in the
 * environment win over the file's; an empty value (`REDIS_URL=`) is the same as unset.
 */
export function loadEnvFileOrExit(dir: string = process.cwd()): void {
  const file = path.join(dir, '.env');
  if (!existsSync(file)) return;
  try {
    process.loadEnvFile(file);
  } catch (error) {
    exitWithError(new RecapError('config_invalid', `could not read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
  }
}
