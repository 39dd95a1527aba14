import { readFileSync } from 'node:fs';
import { parseMarkdown } from './src/notes/markdown-tree.js';
import { buildOutline } from './src/notes/note-sections.js';
const seed = readFileSync('notes/20190604-cloud-native-meetup-tokyo-8.md', 'utf8');
for (const mult of [1, 10, 40, 160]) {
  let big = ''; for (let i = 0; i < mult; i++) big += seed + '\n';
  let t = Date.now(); const root = parseMarkdown(big); const tp = Date.now() - t;
  t = Date.now(); buildOutline(root, big.split('\n')); console.log(mult, big.length, 'parse', tp, 'outline', Date.now() - t);
}
for (const n of [250, 500, 1000, 2000]) {
  const s = '*a '.repeat(n) + 'b' + ' c*'.repeat(n);
  const t = Date.now(); parseMarkdown(s); console.log('emph', n, Date.now() - t);
}
