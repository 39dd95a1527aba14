import type { UploadOutcome } from '../ingest/ingest-chat-upload.js';
import type { FileOutcome } from '../ingest/run-ingest.js';
import type { Reply } from '../domain/reply.js';

/** How many files were added, then one line per file: ingested (as which note), updated, unchanged, or why not. */
export function uploadOutcomesReply(outcomes: readonly UploadOutcome[]): Reply {
  const lines = outcomes.map((outcome) => {
    if (outcome.status === 'failed') return `- ${outcome.name}: not ingested: ${outcome.reason}`;
    const what = `"${outcome.title}", ${outcome.chunks} passage${outcome.chunks === 1 ? '' : 's'}`;
    if (outcome.status === 'unchanged') return `- ${outcome.name}: unchanged, already in the notes as ${outcome.noteId} (${what}).`;
    return `- ${outcome.name}: ${outcome.status} as ${outcome.noteId} (${what}); it can be asked about now.`;
  });
  const added = outcomes.filter((outcome) => outcome.status !== 'failed').length;
  const files = `${outcomes.length} file${outcomes.length === 1 ? '' : 's'}`;
  const header = added === 0 ? `Nothing was added (${files}):` : added === outcomes.length ? `Added ${files}:` : `Added ${added} of ${files}:`;
  return { kind: added === 0 ? 'error' : 'info', text: [header, ...lines].join('\n'), citations: [] };
}

/** What became of the notes of a URL ingested from chat: each note added, updated or unchanged, or why not. */
export function urlIngestReply(url: string, outcomes: readonly FileOutcome[]): Reply {
  const lines = outcomes.map((outcome) => {
    if (outcome.status === 'failed') return `- ${outcome.file}: not ingested: ${outcome.reason}`;
    const what = `"${outcome.title}", ${outcome.chunks} passage${outcome.chunks === 1 ? '' : 's'}`;
    if (outcome.status === 'unchanged') return `- ${outcome.file}: unchanged, already in the notes as ${outcome.noteId} (${what}).`;
    return `- ${outcome.file}: ${outcome.status} as ${outcome.noteId} (${what}); it can be asked about now.`;
  });
  const added = outcomes.filter((outcome) => outcome.status !== 'failed').length;
  const header = added === 0 ? `Nothing was added from ${url}:` : `From ${url} (fetched again every so often while it is a source; \`recap sources\` lists them):`;
  return { kind: added === 0 ? 'error' : 'info', text: [header, ...lines].join('\n'), citations: [] };
}
