// The consent register's client: a banner shown counted (no id, no cookie), and with
// data-server-cookie the choice sent for the register to set its cookie. Neither can change
// what the visitor sees or what loads (the banner has written its own cookie and acted on the
// choice already), so a register that is down, slow or failing is one console warning a page.
// The urls and bodies are web::register's.

let warned = false;
// Choices go one at a time, so that an older answer never sets its cookie over a newer choice:
// whether one is in flight, and what to do once it is answered (the newest value to send, or
// the choice deleted meanwhile to delete again).
let inFlight = false;
let next = null;

/**
 * Posts `body` to `url` with `credentials` (omit or include); `settle(0)` once answered 2xx,
 * `settle(status)` for an error status, `settle(-1)` when the request failed or took over 5 s
 * (aborted: a late answer sets no cookie). Never throws.
 */
function post(url, body, credentials, settle) {
  try {
    const abort = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = abort ? setTimeout(() => abort.abort(), 5000) : 0;
    const done = (code) => { clearTimeout(timer); settle(code); };
    fetch(url, { method: 'POST', body, credentials, keepalive: true, signal: abort ? abort.signal : undefined })
      .then((r) => done(r.ok ? 0 : r.status), () => done(-1));
  } catch {
    settle(-1);
  }
}

/** Once a page, whatever fails next: `what` follows from the register at `url` failing. */
function warnOnce(url, code, what) {
  if (code === 0 || warned) return;
  warned = true;
  const why = code > 0 ? `HTTP ${code}` : 'no answer within 5 s';
  console.warn(`[cookie-charter] the consent register at ${JSON.stringify(url)} did not answer (${why}): ${what}`);
}

/** Counts a banner shown: `body` says over which charter revision, in which language. */
export function count_banner(url, body) {
  post(url, body, 'omit', (code) => warnOnce(url, code, 'the banner shown is not counted'));
}

/** Asks the register to set the choice cookie to `value`, what the banner just wrote. */
export function keep_choice(url, value) {
  if (inFlight) {
    next = () => keep_choice(url, value);
    return;
  }
  inFlight = true;
  post(url, value, 'include', (code) => {
    inFlight = false;
    warnOnce(url, code, "the choice is kept by the banner's own cookie, which Safari keeps 7 days at most");
    const then = next;
    next = null;
    if (then) then();
  });
}

/**
 * The choice was deleted (reset()): `forget` deletes its cookie again, once the answer in
 * flight, if any, has set it (at once otherwise: deleting what is already gone).
 */
export function choice_forgotten(forget) {
  if (inFlight) next = forget;
  else forget();
}
