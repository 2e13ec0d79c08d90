// What consent lets into the page, done in the page's own JavaScript: `scripts.rs` and
// `blocked_tags.rs` bind to it. Walking blocked tags is DOM work through and through; written
// here it costs a fraction of the bytes the same walk costs through web-sys (docs/size.md).
// What it decides stays in Rust: which tags, with which nonce, and what each failure says.

let policy;
// The page's Trusted Types policy "cookie-charter" (where the browser has Trusted Types): it
// blesses http(s) script URLs only, and the text of the portal's own blocked inline tags.
function trusted() {
  if (policy === undefined) {
    policy = null;
    try {
      policy = globalThis.trustedTypes?.createPolicy('cookie-charter', {
        createScriptURL(url) {
          if (typeof http_url(url) !== 'string') throw new TypeError('not an http(s) URL');
          return url;
        },
        createScript: (text) => text,
      }) ?? null;
    } catch {
      // The page's trusted-types directive does not list the name: strings it is.
    }
  }
  return policy;
}

// `src` resolved against the page's base URL if it is http(s); else why not:
// [1, src] when it is no URL, [2, its scheme] for another scheme (`ScriptError` in scripts.rs).
export function http_url(src) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    return [1, src];
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : [2, url.protocol];
}

function set_script_src(script, url) {
  script.src = trusted()?.createScriptURL(url) ?? url;
}

function set_script_text(script, text) {
  script.text = trusted()?.createScript(text) ?? text;
}

// Appends <script async src> for `src` (http(s) only), marked `marker`=`value` and with
// `nonce` if given, to <head>, unless the page already has the script of that mark: it is
// tried once. 0 once added or already there, or why not, [code, detail] (`ScriptError`).
// `failed([0, src, what])` hears of a load that failed (`what`: 3 the audience script, 4 a
// service's); DOM errors are thrown.
export function add_script(src, marker, value, nonce, failed) {
  if (document.querySelector(`script[${marker}="${value}"]`)) return 0;
  const href = http_url(src);
  if (typeof href !== 'string') return href;
  const script = document.createElement('script');
  try {
    set_script_src(script, href);
  } catch {
    return [3, ''];
  }
  script.setAttribute('async', '');
  script.setAttribute(marker, value);
  if (nonce !== undefined) script.setAttribute('nonce', nonce);
  script.addEventListener('error', () => failed([0, href, value ? 4 : 3]), { once: true });
  (document.head || document.documentElement).appendChild(script);
  return 0;
}

// The placeholder shown for a blocked `tag` goes and the tag shows again; whether the
// placeholder held the focus (its button was pressed). The names are those placeholders.js
// writes (one snippet cannot import another: wasm-bindgen copies each file alone).
function unhide(tag) {
  if (!tag.hasAttribute('data-cookie-charter-hidden')) return false;
  tag.removeAttribute('hidden');
  const next = tag.nextElementSibling;
  if (!next || !next.hasAttribute('data-cookie-charter-placeholder')) return false;
  const focused = next.contains(document.activeElement);
  next.remove();
  return focused;
}

// The focus on `element`, made focusable by script first if it is not (an <img>, a <div>).
function focus(element) {
  if (!(element instanceof HTMLElement)) return;
  if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

// A live copy of the blocked script `blocked`, inserted after it: its attributes but `type`
// (taken from `data-type` if given), its own nonce or `nonce`, its text or its http(s) `src`.
// The copy when it is external (to wait for), or a failure [code, detail] for `failed`.
function copyScript(blocked, nonce) {
  const live = document.createElement('script');
  // A parsed nonce attribute reads as empty; the property keeps it.
  const own = blocked.nonce || nonce;
  if (own) live.setAttribute('nonce', own);
  for (const name of blocked.getAttributeNames()) {
    if (name !== 'type' && name !== 'src' && name !== 'data-type' && name !== 'nonce') {
      live.setAttribute(name, blocked.getAttribute(name));
    }
  }
  const kind = blocked.getAttribute('data-type');
  if (kind !== null) live.setAttribute('type', kind);
  const src = blocked.getAttribute('src');
  try {
    if (src === null) {
      set_script_text(live, blocked.textContent);
    } else {
      const href = http_url(src);
      if (typeof href !== 'string') return href;
      set_script_src(live, href);
    }
  } catch {
    return [3, ''];
  }
  // Not async: the portal's scripts run in the order of its page.
  live.async = false;
  try {
    blocked.parentNode.insertBefore(live, blocked.nextSibling);
  } catch {
    // No parent any more, or one that takes no script: nothing runs, as if it had been removed.
    return null;
  }
  return live.hasAttribute('src') ? live : null;
}

// Activates, in document order and once each, the tags `selector` lists: a script runs as a
// live copy (an external one loads, or fails, before the tags after it are activated), a
// template's content goes into the page after it, another element's `data-src` becomes its
// `src`. Each tag is marked activated before any runs. `failed([code, detail, what])` hears
// of a tag left blocked (`what`: 0 a template, 1 a script, 2 another element).
export function activate_tags(selector, nonce, failed) {
  const tags = Array.from(document.querySelectorAll(selector));
  for (const tag of tags) tag.setAttribute('data-cookie-charter-activated', '');
  const from = (at) => {
    for (let i = at; i < tags.length; i++) {
      const tag = tags[i];
      const name = tag.tagName.toLowerCase();
      if (name === 'template') {
        const focused = unhide(tag);
        try {
          tag.after(document.importNode(tag.content, true));
        } catch {
          failed([0, '', 0]);
          continue;
        }
        if (focused) focus(tag.nextElementSibling);
      } else if (name === 'script') {
        const live = copyScript(tag, nonce);
        if (Array.isArray(live)) {
          failed([...live, 1]);
        } else if (live) {
          const go = () => {
            live.removeEventListener('load', go);
            live.removeEventListener('error', go);
            from(i + 1);
          };
          live.addEventListener('load', go);
          live.addEventListener('error', go);
          return;
        }
      } else {
        const href = http_url(tag.getAttribute('data-src'));
        if (typeof href !== 'string') {
          failed([...href, 2]);
        } else {
          tag.setAttribute('src', href);
          if (unhide(tag)) focus(tag);
        }
      }
    }
  };
  from(0);
}
