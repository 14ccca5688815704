// The staff desk's SRS page. A cache rebuild that is queued or running is followed through the
// API (memora.api.srs.get_cache_status) until it completes: its progress bar, count and state
// update in place. A failed attempt is shown with its error and followed every 10 s, since its
// job retries it. Archive and delete forms enable their button once the season's name is
// typed exactly (the server checks it again).
const { t, num, call } = await import(document.getElementById('api-js').href);

const arabic = document.documentElement.lang !== 'en';
const percent = (f) => {
  const p = Math.round(f * 100);
  return arabic ? `${num(p)}٪` : `${p}%`;
};

for (const input of document.querySelectorAll('input[data-expect]')) {
  const button = input.form.querySelector('button[type="submit"]');
  const sync = () => {
    button.disabled = input.value.trim() !== input.dataset.expect;
  };
  input.addEventListener('input', sync);
  sync();
}

const live = new Map([...document.querySelectorAll('.rebuild[data-live]')].map((li) => [li.dataset.rebuild, li]));

function show(li, rb) {
  const share = rb.status === 'completed' ? 1 : rb.total > 0 ? Math.min(1, rb.processed / rb.total) : 0;
  li.querySelector('progress').value = Math.round(share * 100);
  li.querySelector('.rebuild-status').textContent = t(`desk.srs.status.${rb.status}`);
  li.querySelector('.rebuild-text').textContent = t('desk.srs.progress', {
    done: rb.processed, total: rb.total, percent: percent(share),
  });
  let alert = li.querySelector('p.alert');
  if (rb.status === 'failed' && rb.error) {
    alert ??= li.appendChild(Object.assign(document.createElement('p'), { className: 'alert' }));
    alert.textContent = t(rb.error); // a message of the catalogue is shown translated
  } else {
    alert?.remove();
  }
  li.dataset.state = rb.status;
}

async function poll() {
  let wait = 10000; // only failed attempts left: their jobs retry them later
  try {
    const status = await call('srs.get_cache_status');
    for (const rb of status.rebuilds || []) {
      const li = live.get(String(rb.id));
      if (!li) continue;
      show(li, rb);
      if (rb.status === 'completed') {
        live.delete(String(rb.id));
        delete li.dataset.live;
      } else if (rb.status !== 'failed') {
        wait = 1000;
      }
    }
  } catch {
    wait = 1000; // the next poll tries again
  }
  if (live.size) setTimeout(poll, wait);
}

if (live.size) poll();
