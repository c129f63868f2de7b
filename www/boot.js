// Boots the news-impact page: mounts one widget on #news-impact through the embedding module
// (news-impact.js), which loads the wasm next to it.
import { mount } from './news-impact.js';

mount(document.getElementById('news-impact'), {});
