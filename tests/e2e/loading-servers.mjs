// Two loopback servers for the loading and XSS tests, so every article request is cross-origin:
// `page` serves the built dist/ (optionally without its CSP meta tag), `articles` serves the
// example files and one route per failure the widget must explain.
import fs from 'node:fs';
import { serve } from './server.mjs';

const CORS = { 'access-control-allow-origin': '*' };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** Routes of the article server; `extra` adds or overrides routes. */
function articleRoutes(extra = {}) {
  let flaky = 0;
  const send = (status, headers, body) => (req, res) => { res.writeHead(status, headers); res.end(body); };
  return {
    '/404': send(404, { ...CORS, 'content-type': 'text/plain' }, 'no such article'),
    '/500': send(500, { ...CORS, 'content-type': 'text/plain' }, 'the database is down'),
    // Never answers in time: the widget's time-out must abort it.
    '/slow': (req, res) => {
      const timer = setTimeout(() => { res.writeHead(200, { ...CORS, ...JSON_TYPE }); res.end('{}'); }, 60_000);
      req.on('close', () => clearTimeout(timer));
    },
    // 3 MiB streamed in 64 KiB chunks, without Content-Length: only counting can stop it.
    '/large': (req, res) => {
      res.writeHead(200, { ...CORS, ...JSON_TYPE });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      pump();
    },
    '/html': send(200, { ...CORS, 'content-type': 'text/html; charset=utf-8' },
      '<!doctype html><html><body><h1>Sign in</h1></body></html>'),
    '/invalid': send(200, { ...CORS, ...JSON_TYPE }, '{\n  "title": "Broken",\n  "body": oops\n}'),
    '/empty': send(200, { ...CORS, ...JSON_TYPE }, ''),
    '/wrong-shape': send(200, { ...CORS, ...JSON_TYPE }, JSON.stringify({ headline: 'A headline', text: 'Some text.' })),
    '/no-cors': send(200, JSON_TYPE, fs.readFileSync('www/examples/schema-v1.json')),
    // Fails once, then serves an article: for the Retry button.
    '/flaky': (req, res) => {
      flaky += 1;
      if (flaky === 1) return send(503, { ...CORS, 'content-type': 'text/plain' }, 'busy')(req, res);
      return send(200, { ...CORS, ...JSON_TYPE }, fs.readFileSync('www/examples/schema-v1.json'))(req, res);
    },
    ...extra,
  };
}

/** Starts both servers; `stripCsp` serves index.html without its CSP meta (an XSS test knob). */
export async function startServers({ extraRoutes = {}, stripCsp = false, pageRoutes = {} } = {}) {
  if (stripCsp) {
    pageRoutes['/'] = (req, res) => {
      const html = fs.readFileSync('dist/index.html', 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    };
  }
  const page = await serve({ root: 'dist', routes: pageRoutes });
  const articles = await serve({ root: 'www', headers: CORS, routes: articleRoutes(extraRoutes) });
  return {
    page,
    articles,
    close: async () => {
      for (const s of [page, articles]) { s.server.closeAllConnections(); await s.close(); }
    },
  };
}

/** Network noise the browser logs for a failed request: expected in failure tests, nothing else. */
export function unexpected(problems) {
  return problems.filter((p) => !/Failed to load resource|blocked by CORS policy|net::ERR_|Access-Control-Allow-Origin/.test(p));
}
