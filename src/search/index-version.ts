import { PARSER_VERSION } from '../notes/parse.js';
import { INDEX_RECORD_FORMAT } from './index-record.js';
import { TOKENIZER_VERSION } from './tokenize.js';

/**
 * Version of everything that shapes stored chunks and terms. Stored with each note's chunks: when
 * it changes (a parser fix, a new Node ICU, a new stored layout), notes are re-indexed instead of
 * trusted.
 */
export function indexVersion(): string {
  return `${PARSER_VERSION}|${TOKENIZER_VERSION}|record-${INDEX_RECORD_FORMAT}`;
}
