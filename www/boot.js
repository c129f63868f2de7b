// Boots the news-impact page: loads the wasm next to this file and mounts the widget.
// `mount_page` reads `?src=<url>` (and the test knob `?timeout_ms=`) from the page's address.
import init, { mount_page } from './news-impact-web.js';

await init({ module_or_path: new URL('news-impact-web_bg.wasm', import.meta.url) });
mount_page(document.getElementById('news-impact'));
