import { readFileSync, readdirSync } from 'node:fs';
import { parseNote } from './src/notes/parse.js';
const dir = '/work/shared/corpus/notes/';
for (const f of readdirSync(dir)) {
  const n = parseNote(readFileSync(dir + f, 'utf8'), { source: dir + f });
  console.log(`${n.language} ${n.date} ${JSON.stringify(n.title).slice(0, 50)} | ${n.event} | sec=${n.sections.length} links=${n.links.length} | ${JSON.stringify(n.speakers).slice(0, 150)}`);
}
