import type { Note } from './note.js';

/** What an ingest did to the stored note. */
export type IngestStatus = 'ingested' | 'updated' | 'unchanged';

/** One ingested note, as the ingest job reports it and the jobs that follow it read it. */
export interface IngestResult {
  status: IngestStatus;
  noteId: string;
  title: string;
  source: string;
  chunks: number;
  /** Hash of the stored note text (what recap and translation jobs are keyed by). */
  contentHash: string;
  /** The note's language (a note is not translated into it). */
  language: Note['language'];
}
