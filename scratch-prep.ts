import { prepareNote } from './src/ingest/ingest-note.ts';
for (const n of [40000, 100000, 350000]) {
  const t = '# A\n\n' + 'あ'.repeat(n) + '\n';
  const t0 = performance.now(); prepareNote({ source: 'h.md', bytes: Buffer.from(t), maxBytes: 10_000_000 });
  console.log(n, Buffer.byteLength(t), (performance.now()-t0).toFixed(0)+'ms');
}
const t = '# A\n\n' + '漢字のテストです'.repeat(45000) + '\n';
let t0 = performance.now(); prepareNote({ source: 'h.md', bytes: Buffer.from(t), maxBytes: 10_000_000 });
console.log('mixed', Buffer.byteLength(t), (performance.now()-t0).toFixed(0)+'ms');
