// Boots the news-impact page: loads the wasm next to this file and mounts the widget.
import init, { mount } from './news-impact-web.js';

await init({ module_or_path: new URL('news-impact-web_bg.wasm', import.meta.url) });
mount(document.getElementById('news-impact'), {});
