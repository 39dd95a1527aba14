import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import { RecapError } from '../errors.js';
import { collectNoteFiles } from '../ingest/collect-files.js';
import { ingestFiles } from '../ingest/run-ingest.js';
import type { Logger } from '../logger.js';
import { serveMcpStdio } from '../mcp/mcp-stdio.js';
import { ask } from '../recap/ask.js';
import { openChatRuntime, type Runtime } from '../runtime.js';
import { IndexSync } from '../search/index-sync.js';
import { SearchIndex } from '../search/search-index.js';
import { createRedis } from '../store/redis-connection.js';
import { openAppRuntime } from './app-runtime.js';

export interface RunningMcp {
  /** Resolves when the client has gone (stdin closed). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

/**
 * `recap mcp`: the MCP server on stdio, for a desktop assistant that starts it. Its index loads
 * from Redis and follows changes like `recap start`'s (IndexSync), so notes ingested elsewhere
 * are found at once; with `ingest`, the notes folder is ingested first. Logs go to stderr only.
 */
export async function startMcpStdio(config: Config, logger: Logger, options: { ingest: boolean }): Promise<RunningMcp> {
  const runtime = await openAppRuntime(config, logger);
  // Tool calls get connections that fail at once while Redis is down, as chat's do.
  const tools = await openChatRuntime(runtime);
  const subscriber = createRedis(runtime.redisUrl);
  subscriber.on('error', (error) => logger.warn({ err: error }, 'index subscriber connection error'));
  const close = async (): Promise<void> => {
    subscriber.disconnect();
    await tools.close();
    await runtime.close();
  };
  try {
    if (options.ingest) await ingestNotesFolder(config, logger, runtime);
    const index = new SearchIndex();
    logger.info(await new IndexSync(index, runtime.store, logger).start(subscriber), 'search index loaded from Redis');
    const served = await serveMcpStdio({
      runtime: tools,
      index,
      ask: (question) => ask({ index, llm: tools.llm, noteLanguages: config.recapLanguages }, question),
      publicUrl: config.web.publicUrl,
      logger,
    });
    logger.info('MCP server on stdio');
    return {
      closed: served.closed,
      stop: async () => {
        await served.stop().catch(() => undefined);
        await close();
      },
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function ingestNotesFolder(config: Config, logger: Logger, runtime: Runtime): Promise<void> {
  if (!existsSync(config.notesDir)) throw new RecapError('config_invalid', `NOTES_DIR: the notes folder "${config.notesDir}" does not exist (needed by --ingest).`);
  const { files, skipped } = await collectNoteFiles([config.notesDir]);
  for (const entry of skipped) logger.warn({ path: entry.path, reason: entry.reason }, 'skipped in the notes folder');
  const outcomes = await ingestFiles(runtime, files, (outcome) => {
    if (outcome.status === 'failed') logger.warn({ file: outcome.file, reason: outcome.reason }, 'note not ingested');
    else logger.info({ file: outcome.file, noteId: outcome.noteId, status: outcome.status }, 'note ready');
  });
  logger.info({ dir: config.notesDir, files: outcomes.length, failed: outcomes.filter((outcome) => outcome.status === 'failed').length }, 'notes folder ingested');
}
