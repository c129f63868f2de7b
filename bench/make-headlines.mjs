// Builds bench/headlines.txt, the one headline file that every speed benchmark reads (the engine's
// criterion bench, the npm peers and the browser page), from the project's own test corpora: the
// "text" of each line of the given JSON-lines files, de-duplicated, one per line, in file order.
// usage: node bench/make-headlines.mjs [crates/engine/tests/data/*.jsonl ...] > bench/headlines.txt
import fs from 'node:fs';
import path from 'node:path';

let files = process.argv.slice(2);
if (files.length === 0) {
  const dir = 'crates/engine/tests/data';
  files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
}
const seen = new Set();
for (const file of files) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = String(JSON.parse(line).text || '').replace(/\s+/g, ' ').trim();
    if (text && !seen.has(text)) seen.add(text);
  }
}
if (seen.size < 300) throw new Error(`only ${seen.size} headlines in ${files.join(', ')}; want 300+`);
process.stdout.write([...seen].join('\n') + '\n');
