// Boots the news-impact page: mounts one widget on #news-impact through the embedding module
// (news-impact.js), which loads the wasm next to it. `?src=<url>` on the page's address loads that
// article instead of the built-in one (`?timeout_ms=` is a test knob for the loader).
import { mount } from './news-impact.js';

const params = new URLSearchParams(location.search);
const options = {};
if (params.get('src')) options.src = params.get('src');
if (params.has('timeout_ms')) options.timeout_ms = Number(params.get('timeout_ms'));
mount(document.getElementById('news-impact'), options);
