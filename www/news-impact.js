// news-impact.js: the one file a host page includes to embed the widget.
//
//   <script type="module" src="https://cdn.example/news-impact/news-impact.js"></script>
//   <news-impact theme="dark" tickers="MSFT NVDA"></news-impact>
//
// or, as a JS API:  import { mount } from '.../news-impact.js';
//                   const handle = mount(element, { article, theme, layout, tickers, explain });
//
// The wasm and its glue are resolved relative to this file (import.meta.url), so the bundle works
// from any path or origin (a cross-origin host needs CORS headers on the bundle). The wasm is
// initialised once, lazily, for every widget on the page. Each widget renders in the shadow root of
// its element; see README "Embedding" for attributes, events, CSS custom properties and parts.
import * as firstGlue from './news-impact-web.js';

/** Attributes of <news-impact> that are options; changing one updates the widget. */
export const ATTRIBUTES = ['src', 'theme', 'layout', 'tickers', 'explain'];
const THEMES = ['auto', 'light', 'dark'];
const LAYOUTS = ['auto', 'stacked', 'side-by-side', 'compact'];

// --- wasm runtimes and panic containment (SECURITY.md, "Panics never escape") ------------------
// A runtime is one instance of the wasm with its own glue module. A panic in Rust traps the whole
// instance (panic = "abort"), so its state can no longer be trusted: the panic hook (src/guard.rs)
// names the widget that was running and the message, the runtime is marked poisoned and abandoned
// (never called again, kept referenced so no finaliser calls into it), the crashed widget shows an
// error report built here in plain DOM (textContent only), and every other widget of that runtime
// is re-mounted, with its options, on a fresh instance of the already-compiled WebAssembly.Module.

/** After this many crashes the page stops starting fresh runtimes (a fault that recurs). */
const MAX_RESTARTS = 20;
let generation = 0;
let restarts = 0;
let healthy = null; // Promise<runtime> of the runtime new widgets mount on
let healthyRuntime = null; // the same runtime once started
// Traps that a reported panic is about to cause (each is reported once, in its widget), so that
// they are not reported again as uncaught errors; they expire after a few seconds.
let expectedTraps = 0;
let expectedUntil = 0;
const graveyard = []; // poisoned runtimes and their handles, kept so nothing finalises into them

/** Loads a fresh copy of the glue module (one module instance per wasm instance). */
async function freshGlue(n) {
  if (n === 1) return firstGlue;
  // The bundled standalone file provides copies of its inlined glue through this hook.
  if (typeof firstGlue.__niFreshGlue === 'function') return firstGlue.__niFreshGlue();
  return import(new URL(`./news-impact-web.js?instance=${n}`, import.meta.url).href);
}

let compiled = null; // Promise<WebAssembly.Module>, compiled once for every instance

/** The compiled wasm module (fetched and compiled once; the standalone file provides its own). */
function compiledModule() {
  if (!compiled) {
    compiled = typeof firstGlue.__niModule === 'function'
      ? Promise.resolve(firstGlue.__niModule())
      : fetch(new URL('news-impact-web_bg.wasm', import.meta.url)).then(async (res) => {
        if (!res.ok) throw new Error(`failed to fetch the wasm: ${res.status} ${res.statusText}`);
        try {
          return await WebAssembly.compileStreaming(res.clone());
        } catch {
          return WebAssembly.compile(await res.arrayBuffer()); // served without application/wasm
        }
      });
  }
  return compiled;
}

/** Starts runtime number `n`: a fresh glue module and wasm instance of the compiled module. */
async function startRuntime() {
  const n = ++generation;
  const [glue, module] = await Promise.all([freshGlue(n), compiledModule()]);
  // The first glue returns at once if the wasm was already initialised (initSync in the
  // standalone file).
  const exports = await glue.default({ module_or_path: module });
  const runtime = { n, glue, exports, poisoned: false, widgets: new Set() };
  glue.setPanicReporter((host, message) => {
    expectedTraps += 1;
    expectedUntil = performance.now() + 5000;
    poison(runtime, host, String(message));
  });
  healthyRuntime = runtime;
  return runtime;
}

/** The runtime new widgets mount on, started on first use. */
function runtimeNow() {
  if (!healthy) healthy = startRuntime();
  return healthy;
}

/** The healthy runtime's wasm exports (incl. `memory`), once loaded; loads the wasm once. */
export function ready() {
  return runtimeNow().then((runtime) => runtime.exports);
}

/** Bytes of linear memory of the healthy wasm instance (for memory tests and diagnostics). */
export async function memoryBytes() {
  return (await ready()).memory.buffer.byteLength;
}

/** How many wasm instances were started and how many were abandoned after a panic. */
export function runtimeStats() {
  return { started: generation, poisoned: graveyard.length };
}

function isTrap(err) {
  return typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
}

// A panic traps after its hook has reported it; the trap then surfaces as an uncaught error when
// it happened in a task the wasm scheduled. It is already reported (error state + event), so the
// duplicate is silenced. A trap no hook reported (an abort, e.g. out of memory) poisons the healthy
// runtime here, blamed on the widget whose code ran last. Other errors go on as usual.
function onUncaught(event, error) {
  if (!isTrap(error)) return;
  if (expectedTraps > 0 && performance.now() < expectedUntil) {
    expectedTraps -= 1;
    event.preventDefault();
    return;
  }
  const runtime = healthyRuntime;
  const stack = String(error.stack || '');
  // Ours: a frame of our wasm or glue (the standalone file has only our wasm).
  const ours = stack.includes('news-impact-web') || typeof firstGlue.__niModule === 'function';
  if (!runtime || !ours) return;
  let host;
  try { host = runtime.glue.activeHost(); } catch { /* unknown: every widget of it is blamed */ }
  poison(runtime, host, `WebAssembly trap without a panic message: ${error.message}`);
  event.preventDefault();
}
if (typeof window !== 'undefined') {
  window.addEventListener('error', (event) => onUncaught(event, event.error));
  window.addEventListener('unhandledrejection', (event) => onUncaught(event, event.reason));
}

/** Abandons `runtime` after a panic blamed on the widget on `host` (if known). */
function poison(runtime, host, message) {
  if (runtime.poisoned) return;
  runtime.poisoned = true;
  console.warn(`news-impact: a widget crashed (${message}); it shows an error report, the others continue`);
  graveyard.push(runtime);
  const victims = [...runtime.widgets];
  const culprit = victims.find((w) => w.element === host);
  restarts += 1;
  // Later mounts go to a fresh instance.
  if (healthyRuntime === runtime) { healthy = null; healthyRuntime = null; }
  setTimeout(() => {
    for (const w of victims) {
      w.inner = null;
      w.runtime = null;
      if (w.destroyed) continue;
      if (w === culprit || !culprit || restarts > MAX_RESTARTS) {
        // Unattributed panics blame every widget of the runtime: re-mounting them could loop.
        w.crash(message);
      } else {
        w.element.shadowRoot?.replaceChildren();
        w.remount();
      }
    }
  }, 0);
}

/**
 * Turns host-friendly options into the plain object the wasm `mount` accepts: `article` may be an
 * object, `tickers` a string, unknown `theme`/`layout` values become 'auto'. Other keys pass
 * through, so the wasm names any option it does not know in a `news-impact:error`.
 */
export function normalizeOptions(options = {}) {
  const out = {};
  for (const [key, value] of Object.entries(options || {})) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  if (out.src !== undefined) {
    if (out.src === '') delete out.src; else out.src = String(out.src);
  }
  if (out.article !== undefined && typeof out.article !== 'string') out.article = JSON.stringify(out.article);
  if (out.theme !== undefined && !THEMES.includes(out.theme)) out.theme = 'auto';
  if (out.layout !== undefined && !LAYOUTS.includes(out.layout)) out.layout = 'auto';
  if (out.tickers !== undefined) {
    const list = Array.isArray(out.tickers) ? out.tickers : String(out.tickers).split(/[\s,]+/);
    out.tickers = list.map((t) => String(t).trim()).filter(Boolean);
  }
  if (out.explain !== undefined) out.explain = Boolean(out.explain);
  return out;
}

function fail(element, code, message, extra = {}) {
  element.dispatchEvent(new CustomEvent('news-impact:error', {
    bubbles: true, composed: true, detail: { code, message, ...extra },
  }));
}

/** The crash report a reader can copy: what failed, where, and the options (without content). */
function crashReport(message, options) {
  const shown = { ...options };
  if (typeof shown.article === 'string') shown.article = `<inline article, ${shown.article.length} characters>`;
  return [
    'news-impact crash report',
    `time: ${new Date().toISOString()}`,
    `page: ${location.origin}${location.pathname}`,
    `bundle: ${import.meta.url}`,
    `user agent: ${navigator.userAgent}`,
    `options: ${JSON.stringify(shown)}`,
    `panic: ${message}`,
  ].join('\n');
}

/** Replaces the widget's shadow content with an error state and report (plain DOM, text only). */
function renderCrash(element, report) {
  const root = element.shadowRoot;
  if (!root) return;
  const doc = element.ownerDocument;
  const make = (tag, className, text) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const box = make('div', 'ni-root ni-crash');
  box.setAttribute('part', 'root');
  const alert = make('div', 'ni-error');
  alert.setAttribute('role', 'alert');
  alert.setAttribute('part', 'error');
  alert.setAttribute('data-code', 'panic');
  alert.append(make('p', 'ni-error-title', 'news-impact stopped because of an internal error'));
  alert.append(make('p', 'ni-error-message',
    'This widget cannot continue; the rest of the page and other widgets are not affected. Reloading the page may help.'));
  const details = make('details', 'ni-crash-report');
  details.append(make('summary', null, 'Error report'));
  const pre = make('pre', 'ni-crash-text', report);
  const copy = make('button', 'ni-retry ni-crash-copy', 'Copy report');
  copy.type = 'button';
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(report);
      copy.textContent = 'Copied';
    } catch {
      // No clipboard access (insecure context, denied): select the text for a manual copy.
      const range = doc.createRange();
      range.selectNodeContents(pre);
      const selection = doc.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
  });
  details.append(pre, copy);
  alert.append(details);
  box.append(alert);
  root.replaceChildren(box);
}

/**
 * Mounts a widget on `element` (in its shadow root). Returns at once with a handle:
 * `update(options)` replaces the options, `destroy()` tears the widget down, `ready` is a promise
 * that settles once the widget is mounted. Calls made before the wasm is loaded are queued.
 */
export function mount(element, options = {}) {
  // Attach the (open) shadow root at once, so that the element's light DOM (an inline article's
  // JSON, fallback text) is not rendered while the wasm loads; the wasm mount reuses it.
  if (!element.shadowRoot) {
    try { element.attachShadow({ mode: 'open' }); } catch { /* the wasm mount reports it */ }
  }
  const w = {
    element,
    options: normalizeOptions(options),
    inner: null, // the wasm Handle
    runtime: null, // the runtime `inner` lives in
    crashed: null, // the options that crashed it, while it shows the error state
    loaded: false,
    destroyed: false,
    refused: false, // the last mount was refused for its options
  };
  // Runs `call` inside the widget's runtime; a trap there poisons the runtime (blamed on this
  // widget). Returns false if the call failed.
  const guarded = (runtime, call, onError) => {
    try {
      call();
      return true;
    } catch (err) {
      if (isTrap(err) && expectedTraps > 0) expectedTraps -= 1; // caught here, not uncaught
      if (isTrap(err) || runtime.poisoned) poison(runtime, element, String(err?.message || err));
      else onError(err);
      return false;
    }
  };
  // Mounts with the current options on the healthy runtime; options the wasm refuses are
  // reported and the next update() tries again.
  w.remount = () => {
    if (w.destroyed) return Promise.resolve(false);
    return runtimeNow().then((runtime) => {
      if (w.destroyed || w.inner) return Boolean(w.inner);
      if (runtime.poisoned) return w.remount();
      // Registered first, so that a panic during the mount itself is blamed on this widget.
      w.runtime = runtime;
      runtime.widgets.add(w);
      w.crashed = null;
      return guarded(runtime, () => { w.inner = runtime.glue.mount(element, w.options); }, (err) => {
        runtime.widgets.delete(w);
        w.runtime = null;
        w.refused = true;
        fail(element, 'bad-options', String(err?.message || err));
      });
    });
  };
  w.crash = (message) => {
    w.crashed = JSON.stringify(w.options);
    const report = crashReport(message, w.options);
    renderCrash(element, report);
    fail(element, 'panic', 'news-impact stopped because of an internal error', { report });
  };
  const handle = {
    update(next = {}) {
      w.options = normalizeOptions(next);
      if (w.destroyed || !w.loaded) return;
      if (w.crashed !== null) {
        // A crashed widget tries again only with different options.
        if (JSON.stringify(w.options) !== w.crashed) w.remount();
        return;
      }
      if (!w.inner) { w.remount(); return; }
      const { runtime, inner } = w;
      guarded(runtime, () => inner.update(w.options),
        (err) => fail(element, 'bad-options', String(err?.message || err)));
    },
    destroy() {
      w.destroyed = true;
      const { runtime, inner } = w;
      w.inner = null;
      w.runtime = null;
      if (runtime) runtime.widgets.delete(w);
      if (inner && runtime && !runtime.poisoned) {
        guarded(runtime, () => { inner.destroy(); inner.free(); }, () => {});
      } else {
        element.shadowRoot?.replaceChildren();
      }
    },
    ready: ready().catch((err) => {
      if (!w.destroyed) fail(element, 'wasm-load', `news-impact could not load its WebAssembly: ${err?.message || err}`);
      throw err;
    }).then(async () => {
      w.loaded = true;
      if (w.destroyed) return handle;
      w.refused = false;
      if (!(await w.remount()) && w.refused) {
        throw new Error('news-impact: options refused (see the news-impact:error event)');
      }
      return handle;
    }),
  };
  handle.ready.catch(() => {}); // reported as an event; callers may still await it
  return handle;
}

/** The article given inline as a child <script type="application/json"> (data, never run). */
function inlineArticle(element) {
  const script = element.querySelector(':scope > script[type="application/json"]');
  return script ? script.textContent : undefined;
}

/** The <news-impact> custom element: attributes and an inline article become mount options. */
export class NewsImpactElement extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  /** The options the element's attributes and inline article describe. */
  get options() {
    const explain = this.getAttribute('explain');
    return {
      src: this.getAttribute('src') ?? undefined,
      article: inlineArticle(this),
      theme: this.getAttribute('theme') ?? undefined,
      layout: this.getAttribute('layout') ?? undefined,
      tickers: this.getAttribute('tickers') ?? undefined,
      explain: explain !== null && explain !== 'false',
    };
  }

  connectedCallback() {
    if (this._handle) return;
    this._handle = mount(this, this.options);
    // The inline article may be parsed after the element is connected, or edited later.
    this._observer = new MutationObserver(() => this._handle?.update(this.options));
    this._observer.observe(this, { childList: true, subtree: true, characterData: true });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue) this._handle?.update(this.options);
  }

  disconnectedCallback() {
    this._observer?.disconnect();
    this._observer = null;
    this._handle?.destroy();
    this._handle = null;
  }
}

if (!customElements.get('news-impact')) customElements.define('news-impact', NewsImpactElement);
