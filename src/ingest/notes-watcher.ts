import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isRecapError } from '../errors.js';
import type { Logger } from '../logger.js';
import { submitDelete, submitIngest } from '../queue/submit-jobs.js';
import type { Runtime } from '../runtime.js';
import { fileSourceKey, isNoteFile } from './collect-files.js';
import { readSubmission } from './run-ingest.js';

/** Editors write files in bursts; wait until a file has been still this long before ingesting it. */
const WRITE_SETTLE_MS = 200;

/**
 * Watches the notes folder: a file dropped or changed there is queued for ingest, a file removed
 * there is deleted from the index. Files already present are left to the start-up ingest.
 */
export function watchNotesFolder(runtime: Runtime, dir: string, logger: Logger): FSWatcher {
  const log = logger.child({ watcher: dir });
  const watcher = watch(dir, {
    ignoreInitial: true,
    ignored: (file, stats) => path.basename(file).startsWith('.') || (stats?.isFile() === true && !isNoteFile(file)),
    awaitWriteFinish: { stabilityThreshold: WRITE_SETTLE_MS, pollInterval: 50 },
  });
  const ingest = async (file: string, kind: 'new' | 'changed'): Promise<void> => {
    try {
      const submission = await readSubmission(file, runtime.config.maxNoteBytes);
      const jobId = await submitIngest(runtime.queue, runtime.store, submission);
      log.info({ file, jobId }, `queued ${kind} note`);
    } catch (error) {
      log.warn({ file, reason: isRecapError(error) ? error.message : String(error) }, 'could not queue note');
    }
  };
  const remove = async (file: string): Promise<void> => {
    const noteId = await runtime.store.idForSource(fileSourceKey(file));
    if (noteId === null) return;
    await submitDelete(runtime.queue, noteId);
    log.info({ file, noteId }, 'note file removed; deleting the note');
  };
  watcher.on('add', (file) => void ingest(file, 'new'));
  watcher.on('change', (file) => void ingest(file, 'changed'));
  watcher.on('unlink', (file) => void remove(file).catch((error: unknown) => log.warn({ err: error, file }, 'delete failed')));
  watcher.on('error', (error) => log.warn({ err: error }, 'watcher error'));
  return watcher;
}

