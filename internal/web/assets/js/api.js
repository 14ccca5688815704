// Shared helpers of the lesson player and the review session: the page's strings and
// numbers, calls to the JSON API, and durable submissions (one session id per attempt,
// resent with backoff until the server answers, kept in localStorage so a closed tab
// sends it on the next visit).

const lang = document.documentElement.lang === 'en' ? 'en' : 'ar';
const strings = JSON.parse(document.getElementById('strings')?.textContent || '{}');
const arabicDigits = '٠١٢٣٤٥٦٧٨٩';

/** num formats a whole number in the page's language (١٢٬٣٤٥ or 12,345). */
export function num(n) {
  const s = Math.trunc(Number(n) || 0).toLocaleString('en-US');
  return lang === 'ar' ? s.replace(/[0-9]/g, (d) => arabicDigits[d]).replace(/,/g, '٬') : s;
}

/**
 * keyNumber numbers answer options for their keys (1–6) in the digits the options are written
 * in: Latin digits beside answers in Latin digits ("1 · 2", where the page's digits gave "١ · 2",
 * the key one and the answer two in different scripts), else the page's.
 */
export function keyNumber(options) {
  const latin = options.some((o) => /[0-9]/.test(o)) && !options.some((o) => /[٠-٩۰-۹]/.test(o));
  return (n) => (latin ? String(n) : num(n));
}

/** t is the catalogue string key with {name} placeholders filled (numbers formatted). */
export function t(key, args = {}) {
  let s = strings[key] ?? key;
  for (const [k, v] of Object.entries(args)) {
    s = s.replaceAll(`{${k}}`, typeof v === 'number' ? num(v) : String(v));
  }
  return s;
}

/**
 * tc is t for a message about n things, in n's grammatical number where the catalogue has the
 * form (as countT in home_show.go): key.zero (0), key.one (1), key.two (2, Arabic's dual),
 * key.few (3 to 10 of a hundred, Arabic's plural), else key.
 */
export function tc(key, n, args = {}) {
  const m = n % 100;
  const form = n === 0 ? '.zero' : n === 1 ? '.one' : n === 2 ? '.two' : m >= 3 && m <= 10 ? '.few' : '';
  return t(form && strings[key + form] !== undefined ? key + form : key, args);
}

/** el builds an element: el('button', {class: 'btn', type: 'button'}, 'text', child…). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c != null && c !== false) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** APIError is an answer of the API that is not a success. */
export class APIError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter; // seconds, for a 429
  }
  /** transient errors are worth sending again: the server did not decide. */
  get transient() {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

const methodURL = (method) => `/api/method/memora.api.${method}`;

/**
 * call calls an API method: GET with params as the query when body is undefined, else a JSON
 * POST. It resolves to the answer's message; it rejects with an APIError for an error answer
 * and with a TypeError when the network failed.
 */
export async function call(method, { params, body } = {}) {
  let url = methodURL(method);
  const init = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body === undefined) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v) q.set(k, v);
    if ([...q].length) url += `?${q}`;
  } else {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const resp = await fetch(url, init);
  let data = null;
  try {
    data = await resp.json();
  } catch {
    data = null;
  }
  if (!resp.ok) {
    const retry = Number(resp.headers.get('Retry-After')) || 0;
    throw new APIError(resp.status, (data && data.exc) || resp.statusText || String(resp.status), retry);
  }
  return data ? data.message : null;
}

/** newSessionID is a fresh id for one attempt (lesson or review session). */
export function newSessionID() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

const pendingPrefix = 'memora.pending.';
const pendingMaxAge = 7 * 24 * 3600 * 1000; // a week: the server refuses nothing older, but a week is long enough
let owner = ''; // the signed-in student: a kept session is only ever resent for them

/** setOwner names the student whose sessions this page keeps and resends. */
export function setOwner(id) {
  owner = String(id || '');
}

function keep(id, method, body) {
  try {
    localStorage.setItem(pendingPrefix + id, JSON.stringify({ owner, method, body, at: Date.now() }));
  } catch {
    /* private mode or full: the in-page retries still run */
  }
}

function forget(id) {
  try {
    localStorage.removeItem(pendingPrefix + id);
  } catch {
    /* nothing kept */
  }
}

const sleep = (ms, wake) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    }
    window.addEventListener('online', done);
    if (wake) wake.now = done;
  });

/**
 * submit sends a session durably: the same body (with its session id) again and again, with
 * exponential backoff (1 s, 2 s, 4 s … at most 30 s, at once when the browser comes back
 * online), until the server answers. The server records a session id once and answers a
 * repeat with the first answer, so nothing is lost or counted twice. onState is told
 * 'saving', then ('offline', seconds, retryNow) before each wait. It resolves to the
 * server's answer and rejects with an APIError the server decided (a 4xx; after a 401 the
 * session stays kept, to be sent once the student signs in again).
 */
export async function submit(method, id, body, onState = () => {}) {
  const payload = JSON.stringify(body);
  keep(id, method, payload);
  let delay = 1000;
  for (;;) {
    onState('saving');
    try {
      const answer = await call(method, { body: payload });
      forget(id);
      return answer;
    } catch (err) {
      if (err instanceof APIError && !err.transient) {
        // Signed out: kept, and sent again when the student is back (flushPending).
        if (err.status !== 401) forget(id);
        throw err;
      }
      const wait = err instanceof APIError && err.retryAfter ? Math.max(err.retryAfter * 1000, delay) : delay;
      const wake = {};
      const nap = sleep(wait, wake);
      onState('offline', Math.ceil(wait / 1000), () => wake.now && wake.now());
      await nap;
      delay = Math.min(delay * 2, 30000);
    }
  }
}

/**
 * flushPending resends, in the background, the submissions a closed tab could not finish.
 * A session the server already has answers with its first result and is forgotten.
 */
export function flushPending() {
  let keys = [];
  try {
    keys = Object.keys(localStorage).filter((k) => k.startsWith(pendingPrefix));
  } catch {
    return;
  }
  for (const key of keys) {
    let kept;
    try {
      kept = JSON.parse(localStorage.getItem(key));
    } catch {
      kept = null;
    }
    if (!kept || !kept.method || !(Date.now() - kept.at < pendingMaxAge)) {
      localStorage.removeItem(key);
      continue;
    }
    if (kept.owner !== owner) continue; // another student's, on a shared device: theirs to send
    call(kept.method, { body: kept.body }).then(
      () => localStorage.removeItem(key),
      (err) => {
        if (err instanceof APIError && !err.transient && err.status !== 401) localStorage.removeItem(key);
      },
    );
  }
}

/** syncBanner renders submit's states into a status element. */
export function syncBanner(box) {
  return (state, seconds, retryNow) => {
    box.replaceChildren();
    box.className = `sync ${state}`;
    if (state === 'saving') {
      box.append(el('span', { class: 'spinner', 'aria-hidden': 'true' }), t('sync.saving'));
      return;
    }
    let left = seconds;
    const text = el('span', {}, t('sync.offline', { seconds: left }));
    const tick = setInterval(() => {
      left -= 1;
      if (left <= 0 || !text.isConnected) clearInterval(tick);
      else text.textContent = t('sync.offline', { seconds: left });
    }, 1000);
    box.append(
      el('span', { 'aria-hidden': 'true' }, '📡 '),
      text,
      el('button', { type: 'button', class: 'btn btn-ghost btn-small', on: { click: retryNow } }, t('sync.retry_now')),
    );
  };
}

let announcing = 0; // the timer of the announcement on its way

/**
 * announce says text to screen readers through the page's live region. An announcement still on
 * its way is dropped: it would be said after the newer one (a quick "Correct" over the next
 * stage's "Wrong answer").
 */
export function announce(text) {
  const live = document.getElementById('announce');
  if (!live) return;
  clearTimeout(announcing);
  live.textContent = '';
  // A new text node in a cleared region is announced even when the text repeats.
  announcing = setTimeout(() => {
    live.textContent = text;
  }, 50);
}

/** lang is the page's language, "ar" or "en". */
export { lang };
