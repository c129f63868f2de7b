// `make run`: serves dist/ on http://127.0.0.1:8080 (or PORT) and prints the address.
import { serve } from './server.mjs';

const port = Number(process.env.PORT || 8080);
const root = process.argv[2] || 'dist';
const { url } = await serve({ root, port });
console.log(`news-impact is being served at ${url}/  (Ctrl-C to stop)`);
