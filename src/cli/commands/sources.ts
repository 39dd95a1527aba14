import type { Command } from 'commander';
import { findRecord, refreshSources, sourceStore } from '../../ingest/url-ingest.js';
import { printable } from '../../printable.js';
import type { SourceRecord } from '../../store/source-store.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime } from '../with-runtime.js';
import { writeErr, writeOut } from '../terminal-output.js';
import { formatOutcome } from './ingest.js';

export function registerSourcesCommands(program: Command): void {
  const sources = program
    .command('sources')
    .description('The notes ingested from URLs (recap ingest <url>): list, fetch again now, forget')
    .addHelpText('after', '\nRECAP_SOURCE_REFRESH (default 6h) sets how often a worker fetches them again.\n\nExamples:\n  recap sources\n  recap sources refresh\n  recap sources refresh https://hackmd.io/abc123\n  recap sources remove https://hackmd.io/abc123');

  sources
    .command('list', { isDefault: true })
    .description('List the URL sources with their last fetch, its result and their notes')
    .option('--json', 'print one JSON object per source')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const records = await sourceStore(runtime).list();
        if (options.json) {
          for (const record of records) writeOut(`${JSON.stringify(record)}\n`);
          return EXIT.ok;
        }
        if (records.length === 0) {
          writeOut('No URL sources yet. Add one with: recap ingest <url>\n');
          return EXIT.ok;
        }
        for (const record of records) writeOut(`${formatRecord(record)}\n`);
        return EXIT.ok;
      });
    });

  sources
    .command('refresh')
    .description('Fetch the URL sources (or one) again now, conditionally: an unchanged page is not ingested again')
    .argument('[url]', 'only this source')
    .option('--json', 'print one JSON object per source')
    .action(async (url: string | undefined, options: { json?: boolean }) => {
      await withRuntime(async (runtime) => {
        if (url !== undefined && (await findRecord(sourceStore(runtime), runtime, url)) === null) {
          writeErr(printable(`No source ${url}. See \`recap sources\`, or add it with: recap ingest ${url}\n`));
          return EXIT.notFound;
        }
        const refreshes = await refreshSources(runtime, url ?? null);
        for (const refresh of refreshes) {
          if (options.json) {
            writeOut(`${JSON.stringify(refresh)}\n`);
            continue;
          }
          writeOut(printable(`${refresh.result.padEnd(10)} ${refresh.url}${refresh.reason === null ? '' : `: ${refresh.reason}`}`) + '\n');
          for (const outcome of refresh.outcomes) writeOut(`  ${formatOutcome(outcome)}\n`);
        }
        if (refreshes.length === 0 && !options.json) writeOut('No URL sources yet. Add one with: recap ingest <url>\n');
        return refreshes.some((refresh) => refresh.result === 'failed') ? EXIT.failure : EXIT.ok;
      });
    });

  sources
    .command('remove')
    .description('Forget a URL source: it is no longer fetched again (its notes stay; `recap delete <id>` deletes one)')
    .argument('<url>', 'the source, as `recap sources` lists it')
    .action(async (url: string) => {
      await withRuntime(async (runtime) => {
        const store = sourceStore(runtime);
        const record = await findRecord(store, runtime, url);
        if (record === null || !(await store.remove(record.url))) {
          writeErr(printable(`No source ${url}. See \`recap sources\`.\n`));
          return EXIT.notFound;
        }
        writeOut(printable(`Forgot ${record.url}; it is no longer fetched again.\n`));
        if (record.noteIds.length > 0) {
          writeOut(`Its note${record.noteIds.length === 1 ? ' stays' : 's stay'} in the index. To delete ${record.noteIds.length === 1 ? 'it' : 'them'}:\n`);
          for (const noteId of record.noteIds) writeOut(printable(`  recap delete ${noteId}`) + '\n');
        }
        return EXIT.ok;
      });
    });
}

/** A source in two lines: its URL and kind, then the last fetch, its result and the note ids. */
function formatRecord(record: SourceRecord): string {
  const result = record.result === 'failed' ? `failed: ${record.reason ?? 'unknown reason'}` : record.reason === null ? record.result : `${record.result} (${record.reason})`;
  const notes = record.noteIds.length === 0 ? 'no notes' : `notes ${record.noteIds.join(', ')}`;
  // Each line made printable on its own: the URL and the reason are someone else's text.
  return [`${record.url} [${record.kind}]`, `  last fetched ${record.lastFetchAt}: ${result}; ${notes}`].map((line) => printable(line)).join('\n');
}
