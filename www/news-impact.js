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
import * as glue from './news-impact-web.js';

/** Attributes of <news-impact> that are options; changing one updates the widget. */
export const ATTRIBUTES = ['src', 'theme', 'layout', 'tickers', 'explain'];
const THEMES = ['auto', 'light', 'dark'];
const LAYOUTS = ['auto', 'stacked', 'side-by-side', 'compact'];

let wasmReady;
/** Initialises the wasm once for the whole page; resolves when widgets can be mounted. */
export function ready() {
  if (!wasmReady) {
    // The glue returns at once if the wasm was already initialised (e.g. by initSync in the
    // standalone file), so the URL below is only fetched when it is really needed.
    wasmReady = glue.default({ module_or_path: new URL('news-impact-web_bg.wasm', import.meta.url) })
      .then((wasm) => {
        // Large articles are analysed in this worker, next to the bundle (src/services/worker.rs).
        // (Not where import.meta.url has no usable base, e.g. the standalone file: analysis stays here.)
        try { glue.set_worker_url(new URL('analysis-worker.js', import.meta.url).href); } catch { /* main thread */ }
        return wasm;
      });
  }
  return wasmReady;
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

function fail(element, code, message) {
  element.dispatchEvent(new CustomEvent('news-impact:error', {
    bubbles: true, composed: true, detail: { code, message },
  }));
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
  let current = normalizeOptions(options);
  let inner = null;
  let loaded = false;
  let destroyed = false;
  // Mounts with the current options once the wasm is there; options the wasm refuses are reported
  // and the next update() tries again.
  const tryMount = () => {
    try {
      inner = glue.mount(element, current);
      return true;
    } catch (err) {
      fail(element, 'bad-options', String(err?.message || err));
      return false;
    }
  };
  const handle = {
    update(next = {}) {
      current = normalizeOptions(next);
      if (destroyed || !loaded) return;
      if (!inner) { tryMount(); return; }
      try { inner.update(current); } catch (err) { fail(element, 'bad-options', String(err?.message || err)); }
    },
    destroy() {
      destroyed = true;
      if (inner) { inner.destroy(); inner.free(); inner = null; }
    },
    ready: ready().catch((err) => {
      if (!destroyed) fail(element, 'wasm-load', `news-impact could not load its WebAssembly: ${err?.message || err}`);
      throw err;
    }).then(() => {
      loaded = true;
      if (!destroyed && !tryMount()) throw new Error('news-impact: options refused (see the news-impact:error event)');
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
