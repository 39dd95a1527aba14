import type { UploadOutcome } from '../ingest/ingest-chat-upload.js';
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
