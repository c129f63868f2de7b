// The analysis worker: a module worker that loads the same wasm glue and runs the engine off the
// main thread, so that analysing a large text (a pasted 1 MB article) does not freeze the page.
// Message in: {json} (schema-v1 article JSON); message out: {analysis} (the analysis as JSON text)
// or {error}. Allowed by the page's CSP (worker-src falls back to script-src 'self').
import init, { analyze_json as analyzeJson } from './news-impact-web.js';

const ready = init({ module_or_path: new URL('news-impact-web_bg.wasm', import.meta.url) });

self.onmessage = async (event) => {
  try {
    await ready;
    self.postMessage({ analysis: analyzeJson(event.data.json) });
  } catch (err) {
    self.postMessage({ error: String(err && err.message || err) });
  }
};
