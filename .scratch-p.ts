import { readFileSync } from 'node:fs';
import { parseNote } from './src/notes/parse.js';
const f = process.argv[2]!;
const n = parseNote(readFileSync(f,'utf8'), { source: f });
const { sections, ...rest } = n;
console.log(JSON.stringify(rest, null, 0).slice(0, 1500));
for (const s of sections) { console.log(`[${s.level}] L${s.line} ${JSON.stringify(s.path)} speakers=${JSON.stringify(s.speakers)}`);
  const pr = (items: any[], ind: string) => { for (const i of items) { console.log(`${ind}${i.kind[0]} L${i.line} d${i.depth} ${i.text.slice(0,80)}`); pr(i.children, ind+'  '); } };
  if (process.argv[3]) pr(s.items, '   ');
}
