import { readFileSync } from 'node:fs';
import { parseNote } from './src/notes/parse.js';
import { summarizeNote, renderSummaryText } from './src/recap/summary.js';
const f = process.argv[2]!;
console.log(renderSummaryText(summarizeNote(parseNote(readFileSync(f, 'utf8'), { source: f }))));
