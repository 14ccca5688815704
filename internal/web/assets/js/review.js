// The review session (GET /review, ?subject=ID, ?topic=ID for a focus review): cards from
// get_review_session answered one by one with a timer and a combo, then one durable
// submit_review_session (one session id per session, resent until the server answers). The
// completion screen shows the XP the server credited and "continue (N left)" when the server
// says items remain; Safe Mode's 429 is a friendly wait with the Retry-After countdown.

const api = await import(document.getElementById('api-js').href);
const { t, tc, num, keyNumber, el, setOwner, call, submit, flushPending, syncBanner, announce, newSessionID, APIError } = api;

const data = JSON.parse(document.getElementById('review-data').textContent);
const root = document.getElementById('player');
const box = document.getElementById('stage');
const foot = document.getElementById('foot');
const bar = document.getElementById('progress');
const timerBox = document.getElementById('timer');
const countBox = document.getElementById('count');
const comboBox = document.getElementById('combo');
const degradedBox = document.getElementById('degraded');

const FULL_SESSION = 15; // the server's general review size: a full one may have more behind it
const PAD = '...'; // the server pads missing distractors with this; it is never the answer

let session;
let onKey = null;
let ticking = null;
// focusing: once the student has acted, each new card or screen takes the focus (not on
// page load, where the first Tab still reaches the skip link).
let focusing = false;

setOwner(data.user);
flushPending();
load();

// reload is load asked for by the student (a button): what it shows takes the focus.
function reload() {
  focusing = true;
  load();
}

function heading(...content) {
  const h = el('h2', { tabindex: '-1', id: 'stage-title' }, ...content);
  return h;
}

// matchPrompt is a matching card's question in the reader's language, around the pair's item
// (the API's own question is the original's Arabic text). The item keeps its own direction,
// and is put in as it is written, never read as a replacement pattern.
function matchPrompt(item) {
  const [before, ...after] = t('review.match').split('{item}');
  return [before, el('bdi', {}, item), after.join(item)];
}

function screen(cls, ...children) {
  onKey = null;
  box.className = `stage ${cls} enter`;
  box.replaceChildren(...children);
  foot.replaceChildren();
  foot.className = 'player-foot';
  if (focusing) box.querySelector('h2')?.focus();
}

// load asks the server for a session and starts it, or says why it cannot.
async function load() {
  root.classList.remove('finished');
  screen('loading', el('p', { class: 'big', 'aria-hidden': 'true' }, '🧠'), heading(t('review.loading')));
  let res;
  try {
    res = await call('reviews.get_review_session', { params: { subject: data.subject, topic_id: data.topic } });
  } catch (err) {
    if (err instanceof APIError && err.status === 429) wait(err.retryAfter || 30);
    else trouble(err);
    return;
  }
  degradedBox.hidden = !(res && res.is_degraded);
  const cards = ((res && res.questions) || []).map((c) => ({
    ...c,
    options: (c.options || []).filter((o) => o !== PAD),
  }));
  if (!cards.length) {
    empty();
    return;
  }
  play(cards);
}

// wait is Safe Mode's "too many requests": a countdown, then the session loads by itself.
function wait(seconds) {
  let left = Math.max(1, Math.ceil(seconds));
  const count = el('p', { class: 'countdown', 'aria-live': 'off' }, clock(left));
  screen(
    'wait',
    el('p', { class: 'big', 'aria-hidden': 'true' }, '⏳'),
    heading(t('review.wait_title')),
    el('p', {}, tc('review.wait_text', left, { seconds: left })),
    count,
  );
  foot.append(el('a', { class: 'btn btn-ghost btn-big', href: data.back }, data.back_label));
  const tick = setInterval(() => {
    left--;
    if (!count.isConnected) {
      clearInterval(tick);
      return;
    }
    count.textContent = clock(Math.max(left, 0));
    if (left <= 0) {
      clearInterval(tick);
      load();
    }
  }, 1000);
}

function trouble(err) {
  let msg = err instanceof APIError ? err.message : t('review.error');
  if (err instanceof APIError && err.status === 401) msg = t('sync.signed_out');
  screen('error', el('p', { class: 'big', 'aria-hidden': 'true' }, '📡'), heading(t('review.error')), el('p', { class: 'alert', role: 'alert' }, msg));
  foot.append(el('button', { type: 'button', class: 'btn btn-primary btn-big', on: { click: reload } }, t('review.retry')));
}

// empty: nothing is due. No progress bar then: an empty one read as a session of nothing done.
function empty() {
  root.classList.add('finished');
  bar.hidden = true;
  screen(
    'empty-state',
    el('p', { class: 'big', 'aria-hidden': 'true' }, '🌿'),
    heading(t('review.empty_title')),
    el('p', { class: 'muted' }, t('review.empty_text')),
  );
  foot.append(el('a', { class: 'btn btn-primary btn-big', href: data.back }, data.back_label));
}

// ---- Playing ------------------------------------------------------------------------------

function play(cards) {
  session = {
    id: newSessionID(),
    cards,
    i: 0,
    combo: 0,
    best: 0,
    right: 0,
    answers: [],
    started: performance.now(),
    shownAt: 0,
  };
  bar.hidden = false;
  bar.max = cards.length;
  timerBox.hidden = false;
  clearInterval(ticking);
  ticking = setInterval(tickTimer, 1000);
  tickTimer();
  card();
}

function elapsed() {
  return Math.round((performance.now() - session.started) / 1000);
}

function tickTimer() {
  timerBox.textContent = clock(elapsed());
}

function hud() {
  bar.value = session.i;
  countBox.textContent = t('review.card_of', { n: Math.min(session.i + 1, session.cards.length), total: session.cards.length });
  comboBox.textContent = t('review.combo', { combo: session.combo });
  comboBox.hidden = session.combo < 2;
}

function card() {
  const c = session.cards[session.i];
  session.shownAt = performance.now();
  hud();
  let chosen = -1;
  const list = el('ul', { class: 'options', 'aria-label': t('review.options') });
  const key = keyNumber(c.options);
  const buttons = c.options.map((o, i) => {
    const b = el('button', { type: 'button', class: 'option', 'aria-pressed': 'false' }, el('kbd', { 'aria-hidden': 'true' }, key(i + 1)), el('span', { dir: 'auto' }, o));
    b.addEventListener('click', () => choose(i, false));
    list.append(el('li', {}, b));
    return b;
  });
  const h = c.match_item ? heading(...matchPrompt(c.match_item)) : heading(c.question);
  if (!c.match_item) h.setAttribute('dir', 'auto');
  // An item a teacher pushed into the queue says so until it is reviewed.
  const pushed = c.from_teacher ? el('p', { class: 'from-teacher' }, el('span', { class: 'badge gold' }, t('review.from_teacher'))) : null;
  screen('review-card', ...[pushed, h, list].filter(Boolean));
  box.dataset.card = c.id;
  const check = el('button', { type: 'button', class: 'btn btn-primary btn-big', disabled: true, on: { click: grade } }, t('review.check'));
  foot.append(check);

  function choose(i, byKey) {
    if (buttons[i].disabled) return;
    chosen = i;
    buttons.forEach((b, j) => b.setAttribute('aria-pressed', String(j === i)));
    check.disabled = false;
    if (byKey) check.focus();
  }
  onKey = (n) => {
    if (n >= 0 && n < buttons.length) choose(n, true);
  };

  function grade() {
    if (chosen < 0) return;
    focusing = true;
    onKey = null;
    const answer = c.options[chosen];
    const right = answer === c.correct_answer;
    session.answers.push({
      question_id: c.id,
      answer,
      is_correct: right,
      time_spent_ms: Math.max(0, Math.round(performance.now() - session.shownAt)),
    });
    buttons.forEach((b, i) => {
      b.disabled = true;
      if (c.options[i] === c.correct_answer) b.classList.add('right');
      else if (i === chosen) b.classList.add('wrong');
    });
    if (right) {
      session.right++;
      session.combo++;
      session.best = Math.max(session.best, session.combo);
    } else {
      session.combo = 0;
    }
    session.i++;
    hud();
    foot.replaceChildren();
    foot.className = `player-foot done ${right ? 'right' : 'wrong'}`;
    const note = right ? '' : t('review.answer_was', { answer: c.correct_answer });
    const fb = el(
      'div',
      { class: `feedback ${right ? 'right' : 'wrong'}` },
      el('strong', {}, right ? t('review.right') : t('review.wrong')),
      note ? el('p', { dir: 'auto' }, note) : null,
    );
    const go = el('button', { type: 'button', class: `btn btn-big ${right ? 'btn-good' : 'btn-bad'}`, on: { click: next } }, t('review.continue'));
    foot.append(fb, go);
    announce(`${right ? t('review.right') : t('review.wrong')}${note ? '. ' + note : ''}`);
    go.focus();
  }
}

function next() {
  if (session.i < session.cards.length) card();
  else finish();
}

// ---- The end ------------------------------------------------------------------------------

function finish() {
  clearInterval(ticking);
  onKey = null;
  root.classList.add('finished');
  const seconds = elapsed();
  timerBox.textContent = clock(seconds); // the clock stops at the time the result shows
  const sync = el('p', { class: 'sync', role: 'status' });
  screen('result', el('p', { class: 'big', 'aria-hidden': 'true' }, '🎯'), heading(t('review.done_title')), sync);
  const body = {
    session_data: {
      answers: session.answers,
      session_meta: { subject: data.subject || undefined, topic: data.topic || undefined, session_id: session.id },
      total_combo: session.best,
      completion_time_ms: seconds * 1000,
    },
  };
  submit('reviews.submit_review_session', session.id, body, syncBanner(sync)).then(
    (res) => done(res || {}, sync, seconds),
    (err) => {
      sync.remove();
      const msg = err instanceof APIError && err.status === 401 ? t('sync.signed_out') : err.message;
      box.append(el('p', { class: 'alert', role: 'alert' }, t('sync.failed'), ' ', msg));
      foot.append(el('a', { class: 'btn btn-primary btn-big', href: data.back }, data.back_label));
    },
  );
}

function done(res, sync, seconds) {
  sync.remove();
  const xp = Number(res.xp_earned) || 0;
  const left = Number(res.remaining_items) || 0;
  const total = session.cards.length;
  const more = left > 0 || (!data.topic && total >= FULL_SESSION);
  box.querySelector('.big').textContent = more ? '🎯' : '🎉';
  if (xp > 0) box.append(el('p', { class: 'xp' }, `+${num(xp)} ${tc('review.xp_earned', xp)}`));
  box.append(
    el('p', {}, more ? t('review.done_text') : t('review.all_done')),
    el(
      'ul',
      { class: 'result-stats' },
      el('li', {}, el('strong', {}, `${num(session.right)}/${num(total)}`), el('span', {}, t('review.correct'))),
      el('li', {}, el('strong', {}, clock(seconds)), el('span', {}, t('review.time'))),
      el('li', {}, el('strong', {}, num(session.best)), el('span', {}, t('review.best_combo'))),
    ),
  );
  const m = res.new_stability_counts;
  if (m) {
    box.append(
      el(
        'ul',
        { class: 'legend mastery-counts', 'aria-label': t('review.mastery') },
        el('li', {}, el('i', { class: 'key-new', 'aria-hidden': 'true' }), t('review.mastery_new', { count: m.new || 0 })),
        el('li', {}, el('i', { class: 'key-learning', 'aria-hidden': 'true' }), t('review.mastery_learning', { count: m.learning || 0 })),
        el('li', {}, el('i', { class: 'key-mature', 'aria-hidden': 'true' }), t('review.mastery_mature', { count: m.mature || 0 })),
      ),
    );
  }
  if (left > 0) {
    foot.append(el('button', { type: 'button', class: 'btn btn-primary btn-big', on: { click: reload } }, t('review.continue_left', { count: left })));
  } else if (more) {
    foot.append(el('button', { type: 'button', class: 'btn btn-primary btn-big', on: { click: reload } }, t('review.more')));
  }
  foot.append(el('a', { class: `btn btn-big ${more ? 'btn-ghost' : 'btn-primary'}`, href: data.back }, data.back_label));
  announce(`${t('review.done_title')}. +${num(xp)} ${tc('review.xp_earned', xp)}`);
}

function clock(seconds) {
  const s = seconds % 60;
  return `${num(Math.floor(seconds / 60))}:${s < 10 ? num(0) : ''}${num(s)}`;
}

document.addEventListener('keydown', (e) => {
  if (!onKey || leave.open || e.altKey || e.ctrlKey || e.metaKey) return;
  let i = '123456'.indexOf(e.key);
  if (i < 0) i = '١٢٣٤٥٦'.indexOf(e.key);
  if (i < 0) return;
  e.preventDefault();
  onKey(i);
});

// ✕ leaves at once until the student has answered a card; then it asks first, as the session's
// answers are sent only at its end. The dialog opens on "Keep reviewing"; Escape or that button
// stays and gives the focus back to ✕, "Leave" goes. Once the session is over ✕ leaves at once.
const leave = document.getElementById('leave');
const exit = document.querySelector('.player .exit');
exit.addEventListener('click', (e) => {
  if (root.classList.contains('finished') || !session?.answers.length) return;
  e.preventDefault();
  leave.returnValue = '';
  leave.showModal();
  leave.querySelector('button[value=stay]').focus();
});
leave.addEventListener('close', () => {
  if (leave.returnValue === 'leave') location.assign(exit.href);
  else exit.focus();
});
