// Minifies the JavaScript that `trunk build --release` wrote into a dist folder, in place:
// the wasm-bindgen glue and the hand-written modules. Part of `make dist` (bundle budget).
// usage: node scripts/minify.mjs DIST
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const dist = process.argv[2] || 'dist';
const files = ['news-impact-web.js', 'news-impact.js', 'boot.js', 'embed.js'];
let before = 0;
let after = 0;
for (const name of files) {
  const file = path.join(dist, name);
  if (!fs.existsSync(file)) continue;
  const source = fs.readFileSync(file, 'utf8');
  const out = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (typeof out.code !== 'string') throw new Error(`terser produced nothing for ${file}`);
  fs.writeFileSync(file, out.code);
  before += source.length;
  after += out.code.length;
}
console.log(`minify: ${dist}: ${before} → ${after} bytes of JavaScript`);
