// The embedding demo: logs every event the widgets send (custom events from the two elements,
// messages from the iframe), resizes the iframe, and wires the demo controls.
const log = document.getElementById('log');
function record(source, type, detail) {
  const li = document.createElement('li');
  let summary = '';
  if (type === 'news-impact:ready') {
    summary = `${detail.entities.length} rows (${detail.entities.map((e) => e.symbol || e.id).join(', ')}); overall ${detail.overall.label}`;
  } else if (type === 'news-impact:select') {
    summary = `${detail.symbol || detail.id} ${detail.expanded ? 'expanded' : 'collapsed'}`;
  } else if (type === 'news-impact:error') {
    summary = `${detail.code}: ${detail.message}`;
  } else if (type === 'news-impact:resize') {
    summary = `height ${detail.height}px`;
  }
  li.textContent = `${source} ${type} ${summary}`;
  log.append(li);
}

for (const type of ['news-impact:ready', 'news-impact:error', 'news-impact:select']) {
  document.addEventListener(type, (event) => record(event.target.id || event.target.localName, type, event.detail));
}

const frame = document.getElementById('frame');
// Host-page layout that must survive the hostile stylesheet: inline `!important` beats it.
frame.style.setProperty('display', 'block', 'important');
frame.style.setProperty('width', '100%', 'important');
window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
  const { type, height, detail } = event.data || {};
  if (type === 'news-impact:resize' && Number.isFinite(height)) {
    // 'important' so that even the hostile stylesheet cannot undo the new height.
    frame.style.setProperty('height', `${height}px`, 'important');
    record('iframe', type, { height });
  } else if (typeof type === 'string' && type.startsWith('news-impact:')) {
    record('iframe', type, detail);
  }
});
// The iframe is loaded only now that the listener above is in place, so that its first
// resize message cannot arrive before anyone listens.
frame.src = frame.dataset.src;

const hostile = document.getElementById('hostile');
hostile.addEventListener('change', () => { document.getElementById('hostile-css').disabled = !hostile.checked; });

document.getElementById('theme').addEventListener('click', () => {
  const w = document.getElementById('widget-1');
  w.setAttribute('theme', w.getAttribute('theme') === 'dark' ? 'light' : 'dark');
});

const cell = document.getElementById('second-cell');
let removed = null;
document.getElementById('toggle-second').addEventListener('click', () => {
  if (removed) { cell.append(removed); removed = null; } else { removed = document.getElementById('widget-2'); removed.remove(); }
});
