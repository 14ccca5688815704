// The staff desk's SRS page. A cache rebuild that is queued or running is followed through the
// API (memora.api.srs.get_cache_status) until it completes or fails: its progress bar, count and
// state update in place. Archive and delete forms enable their button once the season's name is
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
  if (rb.status === 'failed' && rb.error) {
    li.append(Object.assign(document.createElement('p'), { className: 'alert', textContent: rb.error }));
  }
  li.dataset.state = rb.status;
}

async function poll() {
  try {
    const status = await call('srs.get_cache_status');
    for (const rb of status.rebuilds || []) {
      const li = live.get(String(rb.id));
      if (!li) continue;
      show(li, rb);
      if (rb.status === 'completed' || rb.status === 'failed') {
        live.delete(String(rb.id));
        delete li.dataset.live;
      }
    }
  } catch {
    // the next poll tries again
  }
  if (live.size) setTimeout(poll, 1000);
}

if (live.size) poll();
