import type { UploadOutcome } from '../ingest/ingest-chat-upload.js';
import type { Reply } from './reply.js';

/** One line per uploaded file: ingested (as which note), updated, unchanged, or why not. */
export function uploadOutcomesReply(outcomes: readonly UploadOutcome[]): Reply {
  const lines = outcomes.map((outcome) => {
    if (outcome.status === 'failed') return `- ${outcome.name}: not ingested: ${outcome.reason}`;
    const what = `"${outcome.title}", ${outcome.chunks} passage${outcome.chunks === 1 ? '' : 's'}`;
    if (outcome.status === 'unchanged') return `- ${outcome.name}: unchanged, already in the notes as ${outcome.noteId} (${what}).`;
    return `- ${outcome.name}: ${outcome.status} as ${outcome.noteId} (${what}); it can be asked about now.`;
  });
  const allFailed = outcomes.every((outcome) => outcome.status === 'failed');
  return { kind: allFailed ? 'error' : 'info', text: lines.join('\n'), citations: [] };
}
