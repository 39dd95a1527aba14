import { readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { splitMarkdown } from './src/notes/markdown-parts.js';
import { parseNote } from './src/notes/parse.js';
const seed = readFileSync('notes/20190604-cloud-native-meetup-tokyo-8.md', 'utf8');
let big = ''; while (big.length < 900 * 1024 / 2) big += seed + '\n';
const lines = big.split('\n');
for (const target of [20, 60, 120, 400]) {
  const t = Date.now(); for (const p of splitMarkdown(lines, target)) fromMarkdown(p.text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }); console.log(target, Date.now() - t);
}
for (const target of [20, 60]) {
  const t = Date.now(); for (const p of splitMarkdown(lines, target)) fromMarkdown(p.text); console.log('nogfm', target, Date.now() - t);
}
let t = Date.now(); parseNote(big, { source: 'x.md' }); console.log('parseNote', Date.now() - t);
t = Date.now(); parseNote(big, { source: 'x.md' }); console.log('parseNote again', Date.now() - t);
