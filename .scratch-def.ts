import { readFileSync, readdirSync } from 'node:fs';
import { parseNote } from './src/notes/parse.js';
import { chunkNote } from './src/notes/chunk.js';
import { definitionOf } from './src/recap/definitions.js';
const dir = '/work/shared/corpus/notes/';
const files = ['notes/20190604-cloud-native-meetup-tokyo-8.md', ...readdirSync(dir).map((f) => dir + f)];
for (const f of files.slice(0, Number(process.argv[2] ?? 99))) {
  const n = parseNote(readFileSync(f, 'utf8'), { source: f });
  console.log('==', f.split('/').pop());
  for (const c of chunkNote(n)) { const d = definitionOf(c); if (d) console.log(`  L${d.line} [${d.term}] => ${d.definition.slice(0, 70)}`); }
}
