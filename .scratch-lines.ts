import { readFileSync, readdirSync } from 'node:fs';
import { parseNote } from './src/notes/parse.js';
import type { NoteItem } from './src/notes/types.js';
const dir = '/work/shared/corpus/notes/';
let bad = 0, total = 0;
for (const f of readdirSync(dir)) {
  const text = readFileSync(dir + f, 'utf8');
  const lines = text.split('\n');
  const n = parseNote(text, { source: dir + f });
  const walk = (items: NoteItem[]) => { for (const i of items) { total++;
    const first = i.text.split(/\s+/)[0]!.slice(0, 12);
    if (!lines[i.line - 1]!.includes(first)) { bad++; console.log(f.slice(0,40), i.kind, i.line, JSON.stringify(first), JSON.stringify(lines[i.line-1]!.slice(0,60))); }
    walk(i.children); } };
  for (const s of n.sections) { walk(s.items); if (!lines[s.line-1]!.includes(s.title.split(/\s+/)[0]!) ) console.log('SEC', f, s.line, s.title); }
}
console.log(bad, total);
