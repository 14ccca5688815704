// The lesson player (GET /lessons/{id}): the stages of get_lesson_details played as the
// original client plays them (original §7.2, §7.3) — three hearts, a combo, XP shown as
// 10 + 2 × combo per correct stage, a wrong stage moved to the end of the queue — then one
// submission of the answers in the graded formats, sent durably under one session id per
// attempt. The XP on the win and game-over screens is the server's, never this script's.

const api = await import(document.getElementById('api-js').href);
const { t, tc, num, keyNumber, el, setOwner, submit, flushPending, syncBanner, announce, newSessionID, APIError } = api;

const data = JSON.parse(document.getElementById('lesson-data').textContent);
const stages = data.stages || [];
const root = document.getElementById('player');
const leave = document.getElementById('leave');
const box = document.getElementById('stage');
const foot = document.getElementById('foot');
const heartsBox = document.getElementById('hearts');
const comboBox = document.getElementById('combo');
const xpBox = document.getElementById('xp');
const bar = document.getElementById('progress');

const MAX_HEARTS = 3;
// The punctuation NormalizeWord trims (catalog/stage_grade.go), to find highlights in a sentence.
const TRIM = '.,!?;:؟،؛"\'()[]«»“”';

let game;
let onKey = null; // the current stage's number-key handler
// focusing: once the student has acted, each new stage takes the focus (not on page load,
// where the first Tab still reaches the skip link).
let focusing = false;

setOwner(data.user);
flushPending();
start();

function start() {
  game = {
    id: newSessionID(),
    queue: stages.map((_, i) => i),
    hearts: MAX_HEARTS,
    combo: 0,
    best: 0,
    xp: 0,
    done: 0,
    interactions: [],
    startedAt: new Date().toISOString(),
    shownAt: 0,
  };
  root.classList.remove('finished');
  document.querySelector('.player-head')?.removeAttribute('hidden');
  hud();
  if (!stages.length) {
    finish(true);
    return;
  }
  show();
}

// hud draws hearts, combo, XP and progress.
function hud(lostHeart = false) {
  heartsBox.replaceChildren(
    ...Array.from({ length: MAX_HEARTS }, (_, i) =>
      el('span', { class: i < game.hearts ? 'heart' : 'heart lost', 'aria-hidden': 'true' }, '♥'),
    ),
  );
  heartsBox.setAttribute('aria-label', t('lesson.hearts', { hearts: game.hearts, max: MAX_HEARTS }));
  if (lostHeart) {
    heartsBox.classList.remove('shake');
    void heartsBox.offsetWidth; // restart the animation
    heartsBox.classList.add('shake');
  }
  comboBox.textContent = t('lesson.combo', { combo: game.combo });
  comboBox.hidden = game.combo < 2;
  xpBox.textContent = tc('lesson.xp', game.xp, { xp: game.xp });
  bar.max = Math.max(stages.length, 1);
  bar.value = game.done;
}

// show renders the stage at the head of the queue and moves focus to its heading.
function show() {
  const stage = stages[game.queue[0]];
  const cfg = stage.config || {};
  onKey = null;
  game.shownAt = performance.now();
  // A stage's title is content, in the language it was written in (as its sentence and options).
  const heading = el('h2', { tabindex: '-1', id: 'stage-title', dir: 'auto' }, stage.title || t('lesson.stage_of', { n: game.done + 1, total: stages.length }));
  box.replaceChildren(heading);
  box.className = `stage stage-${stage.type} enter`;
  box.dataset.stage = stage.id;
  foot.replaceChildren();
  foot.className = 'player-foot';
  switch (stage.type) {
    case 'reveal':
      reveal(stage, cfg);
      break;
    case 'matching':
      matching(stage, cfg);
      break;
    case 'quiz':
      quiz(stage, cfg);
      break;
    case 'video':
      video(stage, cfg);
      break;
    case 'reading':
      reading(stage, cfg);
      break;
    default:
      box.append(el('p', { class: 'muted' }, t('lesson.unsupported')));
      foot.append(continueButton(() => passed(stage)));
  }
  if (focusing) heading.focus({ preventScroll: false });
}

function continueButton(onClick, label = t('lesson.continue'), cls = 'btn btn-primary btn-big') {
  return el('button', { type: 'button', class: cls, on: { click: onClick } }, label);
}

// ---- Stage types ------------------------------------------------------------------------

// normalize is catalog.NormalizeWord: trimmed punctuation, lower case, no Arabic marks.
function normalize(w) {
  let s = w.trim();
  let a = 0;
  let b = s.length;
  while (a < b && TRIM.includes(s[a])) a++;
  while (b > a && TRIM.includes(s[b - 1])) b--;
  return s
    .slice(a, b)
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .toLowerCase();
}

// reveal: tap every highlighted word to read its explanation; correct only if all were revealed.
function reveal(stage, cfg) {
  const highlights = cfg.highlights || [];
  const index = new Map(highlights.map((h, i) => [normalize(h.word), i]));
  const revealed = new Set();
  const explain = el('div', { class: 'explain', 'aria-live': 'polite', hidden: true, dir: 'auto' });
  const sentence = el('p', { class: 'sentence', dir: 'auto' });
  const chips = [];
  for (const word of (cfg.sentence || '').split(/\s+/).filter(Boolean)) {
    const i = index.get(normalize(word));
    if (i === undefined) {
      sentence.append(word, ' ');
      continue;
    }
    // Punctuation around the word stays outside its chip.
    let a = 0;
    let b = word.length;
    while (a < b && TRIM.includes(word[a])) a++;
    while (b > a && TRIM.includes(word[b - 1])) b--;
    const chip = el('button', { type: 'button', class: 'chip', 'aria-pressed': 'false', 'data-index': i }, word.slice(a, b));
    chip.addEventListener('click', () => {
      revealed.add(i);
      for (const c of chips) {
        if (Number(c.dataset.index) === i) {
          c.classList.add('revealed');
          c.setAttribute('aria-pressed', 'true');
        }
      }
      explain.hidden = false;
      explain.replaceChildren(el('strong', {}, highlights[i].word), el('span', {}, highlights[i].explanation));
      progress.textContent = t('lesson.reveal_hint', { done: revealed.size, total: highlights.length });
      if (revealed.size === highlights.length) {
        go.textContent = t('lesson.got_it');
        go.className = 'btn btn-good btn-big';
      }
    });
    chips.push(chip);
    // The chip and the punctuation around it stay on one line (a full stop wrapped alone).
    sentence.append(a || b < word.length ? el('span', { class: 'word' }, word.slice(0, a), chip, word.slice(b)) : chip, ' ');
  }
  // A sentence with no highlighted word has nothing to reveal (no "0 of 0" hint): it is done, and
  // right, when the student goes on, as the server grades it.
  const progress = el('p', { class: 'muted hint', hidden: !highlights.length }, t('lesson.reveal_hint', { done: 0, total: highlights.length }));
  if (cfg.image) box.append(el('p', { class: 'emoji', 'aria-hidden': 'true' }, cfg.image));
  box.append(sentence, progress, explain);
  // Until every word is open the button skips, as the matching stage's does: going on then is a
  // wrong answer that costs a heart, which "Continue" did not say.
  const go = continueButton(
    () => {
      const all = revealed.size === highlights.length;
      answered(stage, all, { revealed: [...revealed].sort((a, b) => a - b) }, all ? [] : [t('lesson.reveal_missed')], true);
    },
    highlights.length ? t('lesson.skip') : t('lesson.continue'),
    highlights.length ? 'btn btn-ghost btn-big' : 'btn btn-primary btn-big',
  );
  foot.append(go);
}

// matching: pick one side, then its partner on the other; a wrong partner shakes (no
// penalty); every pair matched completes the stage, "skip" answers it wrong.
function matching(stage, cfg) {
  const pairs = cfg.pairs || [];
  const matched = {};
  let picked = null; // {side, id, button}
  if (cfg.instruction) box.append(el('p', { class: 'instruction', dir: 'auto' }, cfg.instruction));
  const left = el('ul', { class: 'col', 'aria-label': t('lesson.match_hint') });
  const right = el('ul', { class: 'col' });
  const buttons = [];
  const make = (side, p, label) => {
    const b = el('button', { type: 'button', class: 'option', 'aria-pressed': 'false', 'data-side': side, 'data-id': p.id, dir: 'auto' }, label);
    b.addEventListener('click', () => pick(side, p.id, b));
    buttons.push(b);
    return el('li', {}, b);
  };
  for (const p of pairs) left.append(make('left', p, p.left));
  for (const p of shuffle([...pairs])) right.append(make('right', p, p.right));
  box.append(el('p', { class: 'muted hint' }, t('lesson.match_hint')), el('div', { class: 'match' }, left, right));

  function pick(side, id, b) {
    if (b.classList.contains('matched')) return;
    if (!picked || picked.side === side) {
      if (picked) picked.button.setAttribute('aria-pressed', 'false');
      picked = { side, id, button: b };
      b.setAttribute('aria-pressed', 'true');
      return;
    }
    const other = picked;
    picked = null;
    other.button.setAttribute('aria-pressed', 'false');
    if (other.id === id) {
      matched[id] = id;
      for (const x of [b, other.button]) {
        x.classList.add('matched');
        x.setAttribute('aria-disabled', 'true');
        x.setAttribute('aria-pressed', 'false');
      }
      announce(t('lesson.match_done'));
      if (Object.keys(matched).length === pairs.length) {
        answered(stage, true, { pairs: { ...matched } }, []);
      } else {
        const next = buttons.find((x) => !x.classList.contains('matched'));
        next?.focus();
      }
      return;
    }
    b.classList.remove('shake');
    void b.offsetWidth;
    b.classList.add('shake');
    announce(t('lesson.match_wrong'));
  }
  foot.append(
    continueButton(
      () => answered(stage, false, { pairs: { ...matched } }, [t('lesson.match_skipped')]),
      t('lesson.skip'),
      'btn btn-ghost btn-big',
    ),
  );
}

// quiz: choose an option (tap, or number keys 1–6), then check.
function quiz(stage, cfg) {
  const options = cfg.options || [];
  let chosen = -1;
  box.append(el('p', { class: 'question', dir: 'auto' }, cfg.question || ''));
  const list = el('ul', { class: 'options', 'aria-label': t('lesson.quiz_hint') });
  const key = keyNumber(options);
  const buttons = options.map((o, i) => {
    const b = el(
      'button',
      { type: 'button', class: 'option', 'aria-pressed': 'false' },
      el('kbd', { 'aria-hidden': 'true' }, key(i + 1)),
      el('span', { dir: 'auto' }, o),
    );
    b.addEventListener('click', () => choose(i, false));
    list.append(el('li', {}, b));
    return b;
  });
  box.append(list);
  const check = continueButton(() => {
    if (chosen < 0) return;
    onKey = null;
    const right = chosen === cfg.correct_index;
    buttons.forEach((b, i) => {
      b.setAttribute('aria-disabled', 'true');
      b.disabled = true;
      if (i === cfg.correct_index) b.classList.add('right');
      else if (i === chosen) b.classList.add('wrong');
    });
    const notes = [];
    if (!right && options[cfg.correct_index] !== undefined) notes.push(t('lesson.quiz_answer', { answer: options[cfg.correct_index] }));
    if (cfg.explanation) notes.push(cfg.explanation);
    answered(stage, right, { option: chosen }, notes);
  }, t('lesson.check'));
  check.disabled = true;
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
}

function video(stage, cfg) {
  let src = null;
  try {
    const u = new URL(cfg.url, location.href);
    if (u.origin === location.origin) src = u.href;
  } catch {
    src = null;
  }
  if (src) {
    box.append(el('video', { controls: true, preload: 'metadata', src, playsinline: true }));
    if (cfg.caption) box.append(el('p', { class: 'muted', dir: 'auto' }, cfg.caption));
  } else {
    const mins = cfg.duration_seconds ? t('lesson.video_minutes', { time: clock(cfg.duration_seconds) }) : '';
    box.append(
      el(
        'div',
        { class: 'video-fallback' },
        el('p', { class: 'emoji', 'aria-hidden': 'true' }, '🎬'),
        el('p', { class: 'caption', dir: 'auto' }, cfg.caption || ''),
        el('p', { class: 'muted' }, t('lesson.video_offsite')),
        mins ? el('p', { class: 'muted' }, '⏱ ', mins) : null,
      ),
    );
  }
  foot.append(continueButton(() => passed(stage)));
}

function reading(stage, cfg) {
  box.append(el('div', { class: 'reading', dir: 'auto' }, cfg.body || ''));
  foot.append(continueButton(() => passed(stage)));
}

// ---- The game engine (original §7.3) ----------------------------------------------------

function duration() {
  return Math.max(0, Math.round(performance.now() - game.shownAt));
}

// passed completes a stage that is read or watched: no XP, the combo untouched.
function passed(stage) {
  focusing = true;
  game.interactions.push({ question_id: stage.id, type: stage.type, attempts_count: 1, duration_ms: duration() });
  game.queue.shift();
  game.done++;
  hud();
  next();
}

// answered records a scored stage's answer and applies hearts, combo, XP and the retry queue.
function answered(stage, right, answer, notes, quick = false) {
  focusing = true;
  onKey = null;
  game.interactions.push({
    question_id: stage.id,
    type: stage.type,
    attempts_count: 1,
    duration_ms: duration(),
    is_final_outcome_correct: right,
    ...(right ? {} : { mistake_details: 'incorrect_answer' }),
    answer,
  });
  let said;
  if (right) {
    const gain = 10 + 2 * game.combo;
    game.combo++;
    game.best = Math.max(game.best, game.combo);
    game.xp += gain;
    game.queue.shift();
    game.done++;
    said = tc('lesson.right_xp', gain, { xp: gain });
    xpBox.classList.remove('bump');
    void xpBox.offsetWidth;
    xpBox.classList.add('bump');
  } else {
    game.combo = 0;
    game.hearts--;
    game.queue.push(game.queue.shift());
    said = tc('lesson.wrong_hearts', game.hearts, { hearts: game.hearts });
  }
  hud(!right);
  if (right && quick) {
    announce(said);
    next();
    return;
  }
  foot.replaceChildren();
  foot.className = `player-foot done ${right ? 'right' : 'wrong'}`;
  const fb = el(
    'div',
    { class: `feedback ${right ? 'right' : 'wrong'}` },
    el('strong', {}, right ? t('lesson.right') : t('lesson.wrong')),
    el('span', { class: 'gain' }, right ? ` +${num(10 + 2 * (game.combo - 1))}` : ''),
    notes.map((n) => el('p', { dir: 'auto' }, n)),
    !right && game.hearts > 0 ? el('p', { class: 'small' }, t('lesson.retry_later')) : null,
  );
  const go = continueButton(next, t('lesson.continue'), right ? 'btn btn-good btn-big' : 'btn btn-bad btn-big');
  foot.append(fb, go);
  announce(sentences([said, ...notes]));
  go.focus();
}

function next() {
  if (game.hearts <= 0) finish(false);
  else if (!game.queue.length) finish(true);
  else show();
}

// ---- The end: one durable submission, then the server's answer on screen -----------------

function finish(won) {
  onKey = null;
  root.classList.add('finished');
  foot.replaceChildren();
  foot.className = 'player-foot';
  const sync = el('p', { class: 'sync', role: 'status' });
  const heading = el('h2', { tabindex: '-1', id: 'stage-title' }, won ? t('lesson.win_title') : t('lesson.over_title'));
  box.className = `stage result ${won ? 'won' : 'lost'} enter`;
  box.replaceChildren(el('p', { class: 'big', 'aria-hidden': 'true' }, won ? '🏆' : '💔'), heading, sync);
  heading.focus();
  const now = new Date().toISOString();
  const body = {
    session_id: game.id,
    session_meta: {
      lesson_id: data.lesson_id,
      session_id: game.id,
      start_timestamp: game.startedAt,
      end_timestamp: now,
      device_info: navigator.userAgent,
    },
    gamification_results: { xp_earned: game.xp, gems_collected: 0 },
    interactions: game.interactions,
  };
  if (!data.lesson_id) {
    // A preview (the desk's): nothing to save, the player's own count is all there is.
    result(won, { xp_earned: game.xp, correct: game.done, total: stages.length, preview: true }, sync);
    return;
  }
  submit('sessions.submit_session', game.id, body, syncBanner(sync)).then(
    (res) => result(won, res || {}, sync),
    (err) => failed(err, sync),
  );
}

function result(won, res, sync) {
  sync.remove();
  const xp = Number(res.xp_earned) || 0;
  const parts = [];
  if (won || xp > 0) parts.push(el('p', { class: 'xp' }, `+${num(xp)} ${tc('lesson.xp_earned', xp)}`));
  if (won) {
    parts.push(el('p', {}, t('lesson.win_text')));
    if (res.preview) parts.push(el('p', { class: 'notice replay-note' }, t('lesson.preview_note')));
    else if (res.first_completion) parts.push(el('p', { class: 'badge gold' }, t('lesson.first_completion')));
    else if (res.completed) parts.push(el('p', { class: 'notice replay-note' }, t('lesson.replay_note')));
    parts.push(
      el(
        'ul',
        { class: 'result-stats' },
        el('li', {}, el('strong', {}, num(game.best)), el('span', {}, t('lesson.best_combo'))),
        el('li', {}, el('strong', {}, num(game.hearts)), el('span', {}, t('lesson.hearts_left'))),
        el('li', {}, el('strong', {}, `${num(res.correct || 0)}/${num(res.total || 0)}`), el('span', {}, t('lesson.score'))),
      ),
    );
  } else {
    parts.push(el('p', {}, t('lesson.over_text')));
  }
  box.append(...parts);
  const actions = el('div', { class: 'actions' });
  if (won) {
    actions.append(
      el('a', { class: 'btn btn-primary btn-big', href: data.back }, t('lesson.back_to_map')),
      el('button', { type: 'button', class: 'btn btn-ghost', on: { click: replay } }, t('lesson.replay')),
    );
  } else {
    actions.append(
      el('button', { type: 'button', class: 'btn btn-primary btn-big', on: { click: replay } }, t('lesson.try_again')),
      el('a', { class: 'btn btn-ghost', href: data.back }, t('lesson.leave')),
    );
  }
  box.append(actions);
  announce(`${won ? t('lesson.win_title') : t('lesson.over_title')}. +${num(xp)} ${tc('lesson.xp_earned', xp)}`);
  box.querySelector('.actions .btn')?.focus();
}

function failed(err, sync) {
  sync.remove();
  let msg = err instanceof APIError ? err.message : String(err);
  if (err instanceof APIError && err.status === 401) msg = t('sync.signed_out');
  box.append(
    el('p', { class: 'alert', role: 'alert' }, t('sync.failed'), ' ', msg),
    el('div', { class: 'actions' }, el('a', { class: 'btn btn-primary', href: data.back }, t('lesson.back_to_map'))),
  );
}

function replay() {
  data.replay = true;
  start();
}

// ---- Small helpers ----------------------------------------------------------------------

function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// sentences joins parts into sentences, each ending with its own stop or a full stop ("The
// answer: 3." was followed by a second one).
function sentences(parts) {
  return parts.map((p) => (/[.!?؟…]$/.test(p.trim()) ? p.trim() : `${p.trim()}.`)).join(' ');
}

function clock(seconds) {
  const s = seconds % 60;
  return `${num(Math.floor(seconds / 60))}:${s < 10 ? num(0) : ''}${num(s)}`;
}

// Number keys pick quiz options: 1–6, in Latin or Arabic-Indic digits.
document.addEventListener('keydown', (e) => {
  if (!onKey || leave.open || e.altKey || e.ctrlKey || e.metaKey) return;
  const i = '123456'.indexOf(e.key) >= 0 ? '123456'.indexOf(e.key) : '١٢٣٤٥٦'.indexOf(e.key);
  if (i < 0) return;
  e.preventDefault();
  onKey(i);
});

// ✕ leaves at once until the student has answered something; then it asks first, as leaving drops
// the attempt. The dialog opens on "Keep going"; Escape or "Keep going" stays and gives the focus
// back to ✕, "Leave" goes. Once the attempt is over (submitted) ✕ leaves at once again.
const exit = document.querySelector('.player .exit');
exit.addEventListener('click', (e) => {
  if (root.classList.contains('finished') || !game.interactions.some((i) => 'answer' in i)) return;
  e.preventDefault();
  leave.returnValue = '';
  leave.showModal();
  leave.querySelector('button[value=stay]').focus();
});
leave.addEventListener('close', () => {
  if (leave.returnValue === 'leave') location.assign(exit.href);
  else exit.focus();
});
