import { readFileSync } from 'node:fs';
import { parseNote } from './src/notes/parse.js';
const cases: Record<string,string> = {
  indent: Array.from({length: 10000}, (_, i) => ' '.repeat(i * 2) + '- item ' + i).join('\n'),
  quote: '>'.repeat(10000) + ' deep',
  dashes: '- '.repeat(10000) + 'x',
  quoteLines: Array.from({length: 10000}, (_, i) => '>'.repeat(i+1) + ' q').join('\n'),
  emph: '*a '.repeat(10000) + 'b' + ' c*'.repeat(10000),
  links: '['.repeat(10000) + 'x' + ']'.repeat(10000),
  mixed: '> - '.repeat(5000) + 'x',
  sixty: Array.from({length: 60}, (_, i) => ' '.repeat(i * 2) + '- item ' + i).join('\n'),
};
for (const [k, v] of Object.entries(cases)) {
  const t = Date.now();
  try { const n = parseNote(v, { source: k + '.md' }); console.log(k, 'ok', n.sections.length, Date.now() - t, 'ms'); }
  catch (e: any) { console.log(k, e.code ?? e.constructor.name, e.message.slice(0, 120), Date.now() - t, 'ms'); }
}
const seed = readFileSync('notes/20190604-cloud-native-meetup-tokyo-8.md', 'utf8');
let big = ''; while (big.length < 900 * 1024 / 2) big += seed + '\n';
const bytes = Buffer.byteLength(big);
const t = Date.now(); const n = parseNote(big, { source: 'big.md' }); console.log('big', bytes, n.sections.length, Date.now() - t, 'ms');
