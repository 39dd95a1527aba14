import { readFileSync, readdirSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { splitMarkdown } from './src/notes/markdown-parts.js';
import { parseMarkdown } from './src/notes/markdown-tree.js';
import { buildOutline } from './src/notes/note-sections.js';
const dir = '/work/shared/corpus/notes/';
const files = [...readdirSync(dir).map((f) => dir + f), 'notes/20190604-cloud-native-meetup-tokyo-8.md'];
let diff = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8'); const lines = text.split('\n');
  const whole = fromMarkdown(text, { extensions: [gfm(), frontmatter(['yaml'])], mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] });
  const a = JSON.stringify(buildOutline(whole, lines).sections);
  // force tiny parts
  const parts = splitMarkdown(lines, 3);
  const root: any = { type: 'root', children: [] };
  parts.forEach((p, i) => { const t = fromMarkdown(p.text, { extensions: i ? [gfm()] : [gfm(), frontmatter(['yaml'])], mdastExtensions: i ? [gfmFromMarkdown()] : [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] });
    const st: any[] = [t]; for (let n = st.pop(); n; n = st.pop()) { if (n.position) { n.position.start.line += p.firstLine - 1; n.position.end.line += p.firstLine - 1; } if (n.children) st.push(...n.children); }
    root.children.push(...t.children); });
  const b = JSON.stringify(buildOutline(root, lines).sections);
  if (a !== b) { diff++; console.log('DIFF', f, parts.length); for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { console.log(a.slice(i - 200, i + 100)); console.log(b.slice(i - 200, i + 100)); break; } }
}
console.log('diffs', diff);
const seed = readFileSync('notes/20190604-cloud-native-meetup-tokyo-8.md', 'utf8');
let big = ''; while (big.length < 900 * 1024 / 2) big += seed + '\n';
for (const n of [1]) { let t = Date.now(); const r = parseMarkdown(big); const tp = Date.now() - t; t = Date.now(); buildOutline(r, big.split('\n')); console.log('parse', tp, 'outline', Date.now() - t); }
