// `make standalone`: turns the built page (dist/index.html and what it loads) into one
// self-contained file, dist/news-impact-standalone.html, that opens from file:// with no server
// and no network. The wasm is inlined as base64 and initialised with the glue's `initSync`;
// stylesheets become <style> elements; each module script and the relative modules it imports
// are bundled into one inline module. The page's CSP is kept, with 'self' replaced by the hashes
// of the inline script and styles (a file:// page has no 'self' to load from).
//
// Usage: node scripts/standalone.mjs [dist-dir]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dist = path.resolve(process.argv[2] || 'dist');
const OUT = 'news-impact-standalone.html';

function die(message) {
  console.error(`standalone: ${message}`);
  process.exit(1);
}

/** Maps a URL used in dist/index.html ("/page.css", "./x.js", "x.js") to a file in dist. */
function distFile(href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) die(`cannot inline the non-local resource ${href}`);
  const file = path.join(dist, href.replace(/^\/+/, ''));
  if (!file.startsWith(dist) || !fs.existsSync(file)) die(`missing ${href} (run make dist first)`);
  return file;
}

const attr = (tag, name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1];
// Hashes of exactly the text between the tags (which starts with the newline written below).
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
// Inline content must not close its own element early.
const safeScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1');
const safeStyle = (css) => css.replace(/<\/(style)/gi, '<\\/$1');

// --- a small bundler for our own ES modules (static, relative imports only) -----------------
const wasmFiles = fs.readdirSync(dist).filter((f) => f.endsWith('_bg.wasm'));
if (wasmFiles.length !== 1) die(`expected one *_bg.wasm in ${dist}, found ${wasmFiles.length}`);
const glueName = wasmFiles[0].replace(/_bg\.wasm$/, '.js');
const wasmBase64 = fs.readFileSync(path.join(dist, wasmFiles[0])).toString('base64');

const IMPORT = /^[ \t]*import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s+as\s+([\w$]+)|\{([^}]*)\})?\s*(?:from\s+)?['"]([^'"]+)['"];?[ \t]*$/gm;

/** Returns the module's code with imports turned into bindings to already-bundled modules. */
function bundleModule(file, state) {
  if (state.ids.has(file)) return state.ids.get(file);
  const id = `__ni_module_${state.ids.size}`;
  state.ids.set(file, id);
  let code = fs.readFileSync(file, 'utf8');
  const bindings = [];
  code = code.replace(IMPORT, (_line, def, star, named, spec) => {
    if (!spec.startsWith('./') && !spec.startsWith('../')) die(`${path.basename(file)}: cannot bundle the import '${spec}'`);
    const dep = bundleModule(path.resolve(path.dirname(file), spec), state);
    if (def) bindings.push(`const ${def} = ${dep}.default;`);
    if (star) bindings.push(`const ${star} = ${dep};`);
    if (named && named.trim()) {
      const parts = named.split(',').map((s) => s.trim()).filter(Boolean)
        .map((s) => { const [a, b] = s.split(/\s+as\s+/); return b ? `${a}: ${b}` : a; });
      bindings.push(`const { ${parts.join(', ')} } = ${dep};`);
    }
    return '';
  });
  if (/^\s*import\s/m.test(code) && !/^\s*import\s*\(/m.test(code)) die(`${path.basename(file)}: an import form the bundler does not know`);
  const exported = [];
  code = code.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm, (_m, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  code = code.replace(/^export\s*\{([^}]*)\};?/gm, (_m, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [local, as] = item.split(/\s+as\s+/);
      exported.push(as ? `${as}: ${local}` : local);
    }
    return '';
  });
  if (/^export\s/m.test(code)) die(`${path.basename(file)}: an export form the bundler does not know`);
  let after = '';
  if (path.basename(file) === glueName) {
    // Initialise the wasm before any module that uses it runs (custom elements upgrade at once).
    after = `${id}.initSync({ module: await WebAssembly.compile(Uint8Array.from(atob(__ni_wasm_base64), (c) => c.charCodeAt(0))) });\n`;
  }
  state.chunks.push(`// ---- ${path.relative(dist, file)}\nconst ${id} = await (async () => {\n${bindings.join('\n')}\n${code}\nreturn Object.freeze({ ${exported.join(', ')} });\n})();\n${after}`);
  return id;
}

function bundleEntry(file) {
  const state = { ids: new Map(), chunks: [] };
  bundleModule(file, state);
  const usesGlue = [...state.ids.keys()].some((f) => path.basename(f) === glueName);
  const prelude = usesGlue ? `const __ni_wasm_base64 = "${wasmBase64}";\n` : '';
  return prelude + state.chunks.join('\n');
}

// --- rewrite the page -------------------------------------------------------------------------
let html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const scripts = [];
const styles = [];

html = html.replace(/<link\b[^>]*>/gi, (tag) => {
  const rel = (attr(tag, 'rel') || '').toLowerCase();
  if (rel === 'modulepreload' || rel === 'preload') return '';
  if (rel === 'stylesheet') {
    const css = safeStyle(fs.readFileSync(distFile(attr(tag, 'href')), 'utf8'));
    styles.push(`\n${css}`);
    return `<style>\n${css}</style>`;
  }
  return tag;
});

html = html.replace(/<script\b([^>]*)>\s*<\/script>/gi, (tag, attrs) => {
  const src = attr(` ${attrs}`, 'src');
  if (!src) return tag;
  const type = (attr(` ${attrs}`, 'type') || '').toLowerCase();
  const file = distFile(src);
  const js = safeScript(type === 'module' ? bundleEntry(file) : fs.readFileSync(file, 'utf8'));
  scripts.push(`\n${js}`);
  return `<script${type === 'module' ? ' type="module"' : ''}>\n${js}</script>`;
});

html = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i, (_m, a, csp, b) => {
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    const keep = values.filter((v) => v !== "'self'");
    if (name === 'script-src') return [name, ...scripts.map(sha256), ...keep].join(' ');
    if (name === 'style-src') return [name, ...styles.map(sha256), ...keep].join(' ');
    return d;
  });
  return `${a}${directives.join('; ')}${b}`;
});

html = html.replace(/<title>([^<]*)<\/title>/i, '<title>$1 (standalone)</title>');
html = html.replace(/<html([^>]*)>/i, '<html$1>\n<!-- news-impact standalone: one file, no server, no network. Built by scripts/standalone.mjs. -->');

const out = path.join(dist, OUT);
fs.writeFileSync(out, html);
console.log(`standalone: wrote ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB, wasm inlined)`);
