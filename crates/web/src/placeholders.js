// The placeholders of blocked embeds, drawn in the page's own JavaScript: `placeholders.rs`
// binds to it and says what they read. Building boxes is DOM work through and through; written
// here it costs a fraction of the bytes the same work costs through web-sys (docs/size.md).

// Not yet activated (`blocked_tags.rs`), not yet given a placeholder.
const BLOCKED =
  '[data-cookie-service][data-src]:not(script):not([data-cookie-charter-activated]):not([data-cookie-charter-hidden]),' +
  'template[data-cookie-service]:not([data-cookie-charter-activated]):not([data-cookie-charter-hidden])';

// The "Autoriser et afficher" buttons made here: the only elements whose press grants consent
// (a page's own element carrying `data-allow-service`, say a link in a dataset's description,
// never does).
const made = new WeakSet();
// How many placeholders were made: each title's id is unique in the page.
let count = 0;

// A `width` or `height` attribute as a whole number of pixels, or null.
function pixels(value) {
  const text = value === null ? '' : value.trim();
  return /^\+?\d+$/.test(text) && Number(text) <= 4294967295 ? Number(text) : null;
}

function element(parent, name, attributes, text) {
  const node = document.createElement(name);
  for (const [key, value] of attributes) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  parent.append(node);
  return node;
}

// After each blocked element of a service `services` lists (`[id, title, text]`: the services
// not allowed, their texts filled in), a box of its size that says what it is, with a button
// (`allow`) that accepts that service alone and a link (`manage`) to the preferences; the
// element is hidden meanwhile. Not for an element the page keeps out of sight itself (`hidden`,
// or 0 pixels wide or high: a tracking pixel).
export function show_placeholders(services, allow, manage, lang) {
  for (const frame of document.querySelectorAll(BLOCKED)) {
    const id = frame.getAttribute('data-cookie-service');
    const service = services.find((s) => s[0] === id);
    const parent = frame.parentElement;
    const sizes = ['width', 'height'].map((side) => pixels(frame.getAttribute(side)));
    if (!service || !parent || frame.hasAttribute('hidden') || sizes.includes(0)) continue;
    const title = `cookie-charter-placeholder-${count++}`;
    const box = document.createElement('div');
    for (const [key, value] of [['data-cookie-charter-placeholder', id], ['class', 'cookie-charter-placeholder'],
      ['role', 'group'], ['aria-labelledby', title], ['lang', lang]]) box.setAttribute(key, value);
    element(box, 'p', [['id', title], ['class', 'cookie-charter-placeholder__title']], service[1]);
    element(box, 'p', [], service[2]);
    const actions = element(box, 'p', [['class', 'cookie-charter-placeholder__actions']]);
    made.add(element(actions, 'button', [['type', 'button'], ['data-allow-service', id],
      ['class', 'cookie-charter-placeholder__allow']], allow));
    element(actions, 'a', [['href', '#'], ['data-cookie-charter-open', '']], manage);
    parent.insertBefore(box, frame.nextSibling);
    // Through the CSSOM, which a strict `style-src 'self'` allows (no inline style attribute).
    sizes.forEach((size, i) => size !== null && box.style.setProperty(i ? 'height' : 'width', `${size}px`));
    frame.setAttribute('data-cookie-charter-hidden', '');
    frame.setAttribute('hidden', '');
  }
}

// Calls `on("allow <service>")` when the visitor presses a placeholder's button, anywhere on
// the page: only a button made here, and only a real press (not one the page's code made).
// Returns what stops it.
export function listen_allow(on) {
  const listener = (event) => {
    const button = event.isTrusted && event.target.closest?.('[data-allow-service]');
    if (button && made.has(button)) on(`allow ${button.getAttribute('data-allow-service')}`);
  };
  document.addEventListener('click', listener);
  return () => document.removeEventListener('click', listener);
}
