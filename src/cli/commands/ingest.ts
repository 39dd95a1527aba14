import type { Command } from 'commander';
import { MultiBar, Presets } from 'cli-progress';
import { collectNoteFiles, validateUploadName } from '../../ingest/collect-files.js';
import { RecapError } from '../../errors.js';
import { formatBytes, ingestFiles, ingestSubmission, type FileOutcome } from '../../ingest/run-ingest.js';
import { ingestUrls } from '../../ingest/url-ingest.js';
import { looksLikeUrl } from '../../ingest/url-source.js';
import { printable } from '../../printable.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime } from '../with-runtime.js';
import { writeOut } from '../terminal-output.js';

/** A progress bar only helps when there are more files than fit in a glance. */
const PROGRESS_BAR_MIN_FILES = 10;

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('Ingest note files or folders (.md, .markdown, .txt) or URLs through the ingest queue; "-" reads stdin')
    .argument('<paths...>', 'files, folders or http(s) URLs to ingest, or - for standard input')
    .option('--name <file-name>', 'name for content read from stdin', 'stdin.md')
    .option('--json', 'print one JSON object per file instead of text')
    .addHelpText('after', '\nExamples:\n  recap ingest notes/\n  recap ingest talk.md other.md\n  recap ingest https://hackmd.io/abc123 https://scrapbox.io/project/page\n  cat talk.md | recap ingest - --name talk.md')
    .action(async (paths: string[], options: { name: string; json?: boolean }) => {
      // A person watching: the logs go to RECAP_DATA_DIR/recap.log and only warnings show, above the bar.
      const watched = !options.json && process.stdout.isTTY === true;
      await withRuntime(async (runtime, terminal) => {
        const print = (outcome: FileOutcome): void => {
          writeOut(options.json ? `${JSON.stringify(outcome)}\n` : `${formatOutcome(outcome)}\n`);
        };
        const outcomes: FileOutcome[] = [];
        if (paths.includes('-')) {
          const name = validateUploadName(options.name);
          const bytes = await readStdin(runtime.config.maxNoteBytes);
          const outcome = await ingestSubmission(runtime, { source: `stdin:${name}`, sourceKey: `stdin:${name}`, bytes });
          print(outcome);
          outcomes.push(outcome);
        }
        const urls = paths.filter(looksLikeUrl);
        if (urls.length > 0) outcomes.push(...(await ingestUrls(runtime, urls, print)));
        const { files, skipped } = await collectNoteFiles(paths.filter((entry) => entry !== '-' && !looksLikeUrl(entry)));
        for (const entry of skipped) {
          writeOut(options.json ? `${JSON.stringify({ file: entry.path, status: 'skipped', reason: entry.reason })}\n` : `skipped    ${entry.path}: ${entry.reason}\n`);
        }
        // One line per file above the bar, and the bar below them; warnings are printed above it too.
        const bars = watched && files.length >= PROGRESS_BAR_MIN_FILES ? new MultiBar({ stream: process.stdout, format: 'ingest [{bar}] {value}/{total} files', hideCursor: true, clearOnComplete: true }, Presets.legacy) : null;
        const bar = bars?.create(files.length, 0) ?? null;
        const undivert = bars ? terminal?.view.divert((text) => bars.log(text.endsWith('\n') ? text : `${text}\n`)) : undefined;
        try {
          outcomes.push(
            ...(await ingestFiles(runtime, files, (outcome) => {
              if (bars && bar) {
                bars.log(`${formatOutcome(outcome)}\n`);
                bar.increment();
              } else print(outcome);
            })),
          );
        } finally {
          undivert?.();
          // What was logged above the bar is written on its next redraw: draw once more, then remove it.
          bars?.update();
          bars?.stop();
        }
        if (!options.json) writeOut(`${summarize(outcomes)}${skipped.length > 0 ? `; ${skipped.length} path(s) skipped` : ''}\n`);
        return outcomes.some((outcome) => outcome.status === 'failed') ? EXIT.failure : EXIT.ok;
      }, { terminalLogs: () => watched });
    });
}

/** One line per file; file names and reasons with control characters shown escaped. */
export function formatOutcome(outcome: FileOutcome): string {
  if (outcome.status === 'failed') return printable(`failed     ${outcome.file}: ${outcome.reason}`);
  return printable(`${outcome.status.padEnd(10)} ${outcome.file} -> ${outcome.noteId} (${outcome.chunks} chunks)`);
}

function summarize(outcomes: FileOutcome[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  const parts = ['ingested', 'updated', 'unchanged', 'failed'].map((status) => `${counts.get(status) ?? 0} ${status}`);
  return `${outcomes.length} file(s): ${parts.join(', ')}`;
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RecapError('input_too_large', `stdin is larger than the limit of ${formatBytes(maxBytes)} (MAX_NOTE_BYTES).`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
