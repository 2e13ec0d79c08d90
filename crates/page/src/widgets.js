// The banner's, the floating button's and the preferences panel's DOM, done in the page's own
// JavaScript: `banner.rs` and `panel.rs` bind to it, say when and with what, and decide what each
// press means. Building elements and listening to them through web-sys costs the first visit
// more than these lines (docs/size.md); nothing here decides anything about consent.
//
// The texts come as one string, the first layer's sentences in `core::i18n`'s order, each
// followed by U+001F (`core::i18n::SEPARATOR`); the panel's categories and services as records
// separated by U+001E, their fields by U+001F (`panel.rs`). Neither separator can occur in a sentence or a charter text (both are checked to
// hold no control character but line breaks).

const FIELD = '\x1f';
const RECORD = '\x1e';
// On <html> while the banner shows: the stylesheet keeps focused elements above it.
const BANNER_OPEN = 'cookie-charter-banner-open';
// Where each widget found the focus, to give it back when the widget goes.
const focusBefore = new WeakMap();

// Appends to `parent` a new `<tag>` with `attributes` (in order) and, if given, `text` (as
// text, never markup).
function append(parent, tag, attributes, text) {
  const element = parent.ownerDocument.createElement(tag);
  for (const name in attributes) element.setAttribute(name, attributes[name]);
  if (text != null) element.textContent = text;
  parent.append(element);
  return element;
}

// A dialog's head, the same in the banner and the panel so that both read the same to a screen
// reader: its title (`id` labels the dialog) and the close button.
function head(dialog, id, title, action, label) {
  const row = append(dialog, 'div', { class: 'cookie-charter__panel-head' });
  append(row, 'h2', { id, class: 'cookie-charter__title' }, title);
  append(
    row,
    'button',
    { type: 'button', 'data-action': action, 'aria-label': label, title: label, class: 'cookie-charter__close' },
    '×',
  );
}

// A row of buttons of equal weight, each `[data-action, label]`.
function actions(parent, buttons) {
  const row = append(parent, 'div', { class: 'cookie-charter__actions' });
  for (const [action, label] of buttons) {
    append(row, 'button', { type: 'button', 'data-action': action, class: 'cookie-charter__button' }, label);
  }
}

// "Cookies : a, b, c".
function cookies(parent, t, names) {
  append(parent, 'p', { class: 'cookie-charter__cookies' }, `${t[15]} ${names.join(', ')}`);
}

// An `<input type="checkbox" role="switch">` for one category or service: checked and disabled
// when it is always on, else unchecked until the draft is shown on it (`show_draft`).
function checkbox(parent, id, attribute, value, required, describedby) {
  const input = append(parent, 'input', {
    type: 'checkbox',
    role: 'switch',
    class: 'cookie-charter__switch',
    id,
    [attribute]: value,
    'aria-describedby': describedby,
  });
  if (required) {
    input.setAttribute('checked', '');
    input.setAttribute('disabled', '');
  }
}

// A widget's element, not yet in the page (it goes in once whole), noting where the focus was
// for `remove_widget`.
function widget(tag, attributes) {
  const active = document.activeElement;
  const element = append(document.createDocumentFragment(), tag, attributes);
  if (active instanceof HTMLElement) focusBefore.set(element, active);
  return element;
}

// What `draw` returns, or null when it throws (a page whose own code broke the DOM): reported,
// with nothing left half-drawn in the page, so that the choice's other effects still happen.
function guarded(draw) {
  try {
    return draw();
  } catch (error) {
    console.error("[cookie-charter] the page's DOM threw: the consent dialog may be missing", error);
    return null;
  }
}

// The consent UI's root, `.cookie-charter` (in `lang`) inside `#cookie-charter`: the one the
// banner drawn early is in, if it is in `lang`, else a new one, not yet in the page (the first
// layer appends its host, `#cookie-charter`, to <body>).
export function consent_root(lang) {
  return guarded(() => {
    const root = early?.section.parentNode;
    if (root?.getAttribute('lang') === lang) return root;
    settle_early();
    root?.parentNode.remove();
    const host = document.createElement('div');
    host.id = 'cookie-charter';
    return append(host, 'div', { lang, class: 'cookie-charter' });
  });
}

// The banner drawn by the entry module before the first layer has started (a first visit: no
// choice seems stored): `{ section, key, on, adopt }`, until the first layer adopts it or removes
// it.
let early = null;

// What makes two banners the same: their sentences, whether a charter link is given, the
// Global Privacy Control notice.
function banner_key(sentences, policy, gpc) {
  return `${sentences}${RECORD}${policy != null}${RECORD}${gpc}`;
}

// Draws the banner before the first layer has started, in a new root in `lang` appended to
// <body>: the same banner, its charter link without a target until the first layer has checked
// `data-policy-url` (`policy` is true when one is given). A press waits for the first layer,
// the banner marked busy meanwhile; only the first counts. Nothing is decided here.
export function show_early_banner(lang, sentences, policy, gpc) {
  if (!document.body || document.getElementById('cookie-charter')) return;
  const root = consent_root(lang);
  // A link to draw without its target yet, or none.
  const link = policy ? '' : null;
  let pressed = null;
  const drawn = { key: banner_key(sentences, link, gpc), on: null };
  drawn.section = show_banner(root, sentences, link, gpc, (action) => {
    if (drawn.on) return drawn.on(action);
    pressed ??= action;
    drawn.section.setAttribute('aria-busy', 'true');
  });
  if (!drawn.section) return;
  document.body.append(root.parentNode);
  // Once adopted, the first layer gets the press made meanwhile, after it has drawn.
  drawn.adopt = (on) => {
    drawn.on = on;
    drawn.section.removeAttribute('aria-busy');
    if (pressed) setTimeout(() => on(pressed));
  };
  early = drawn;
}

// The banner drawn early, if it is the one `show_banner` would draw in `parent`, now the first
// layer's: its charter link gets its checked target, its presses go to `on`. Else removed.
function adopt(parent, sentences, policy, gpc, on) {
  const drawn = early;
  early = null;
  if (!drawn) return null;
  if (drawn.section.parentNode !== parent || drawn.key !== banner_key(sentences, policy, gpc)) {
    remove_widget(drawn.section);
    return null;
  }
  if (policy != null) drawn.section.querySelector('.cookie-charter__link')?.setAttribute('href', policy);
  drawn.adopt(on);
  return drawn.section;
}

// Removes the banner drawn early that the first layer did not adopt: its first view is not a
// banner (a choice is stored), or, with `whole`, the first layer could not start (its root goes
// too).
export function settle_early(whole = false) {
  const drawn = early;
  early = null;
  if (!drawn) return;
  const host = drawn.section.parentNode?.parentNode;
  remove_widget(drawn.section);
  if (whole) host?.remove();
}

// Appends the banner to `parent` (title, close button, text with the charter link when
// `policy` is given, the Global Privacy Control notice when `gpc`, three buttons of equal
// weight) and calls `on` with the `data-action` of each press; Esc is "dismiss". It takes focus
// in a task of its own: focusing lays the page out at once, which would make one long task of
// building and drawing it. The banner drawn early is adopted when it is the same.
export function show_banner(parent, sentences, policy, gpc, on) {
  const adopted = guarded(() => adopt(parent, sentences, policy, gpc, on));
  if (adopted) return adopted;
  return guarded(() => {
    const t = sentences.split(FIELD);
    const section = widget('section', {
      role: 'dialog',
      'aria-modal': 'false',
      tabindex: '-1',
      'aria-labelledby': 'cookie-charter-banner-title',
      'aria-describedby': 'cookie-charter-banner-text',
      class: 'cookie-charter__banner',
    });
    head(section, 'cookie-charter-banner-title', t[0], 'dismiss', t[6]);
    const text = append(section, 'p', { id: 'cookie-charter-banner-text', class: 'cookie-charter__text' }, t[1]);
    if (policy != null) {
      text.append(' ');
      const link = append(text, 'a', { class: 'cookie-charter__link' }, t[2]);
      // Drawn early, the link gets its target once the first layer has checked it.
      if (policy) link.setAttribute('href', policy);
    }
    if (gpc) append(section, 'p', { 'data-notice': 'gpc', class: 'cookie-charter__notice' }, t[7]);
    actions(section, [
      ['accept-all', t[3]],
      ['refuse-all', t[4]],
      ['customise', t[5]],
    ]);
    section.addEventListener('click', (event) => {
      const action = event.target.closest?.('[data-action]')?.getAttribute('data-action');
      if (action) on(action);
    });
    section.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        on('dismiss');
      }
    });
    parent.append(section);
    document.documentElement.classList.add(BANNER_OPEN);
    // A banner removed meanwhile is no longer in the page: focusing it does nothing.
    setTimeout(() => section.focus());
    return section;
  });
}

// Appends the floating "Gérer mes cookies" button to `parent`; `on` is called on each click.
export function show_floating(parent, label, on) {
  return guarded(() => {
    const button = append(parent, 'button', { type: 'button', 'data-action': 'manage', class: 'cookie-charter__floating' }, label);
    button.addEventListener('click', () => on('manage'));
    return button;
  });
}

// Appends the preferences panel's `<dialog>` to `parent` and opens it as a modal (focus inside,
// the rest of the page inert; where the browser refuses, as a plain open dialog). `on` is
// called with the `data-action` of each button ("close" for Esc too) and with "toggle <id>"
// when a switch is flipped. `charter` holds a record a category ("C", id, "1" if always on,
// title, description, its services' ids space-separated, its cookies' names…) followed by one
// a service of it ("S", id, name, provider, its cookies' patterns…).
export function show_panel(parent, sentences, charter, receipt, on) {
  return guarded(() => {
    const t = sentences.split(FIELD);
    const dialog = widget('dialog', {
      class: 'cookie-charter__panel',
      'aria-labelledby': 'cookie-charter-panel-title',
    });
    head(dialog, 'cookie-charter-panel-title', t[12], 'close', t[17]);
    append(dialog, 'p', { class: 'cookie-charter__text' }, t[13]);
    actions(dialog, [
      ['accept-all', t[3]],
      ['refuse-all', t[4]],
    ]);
    let block;
    let describedby;
    for (const record of charter ? charter.split(RECORD) : []) {
      const [kind, id, ...fields] = record.split(FIELD);
      if (kind === 'C') {
        const [required, title, description, services, ...names] = fields;
        block = append(dialog, 'div', { class: 'cookie-charter__category' });
        const row = append(block, 'div', { class: 'cookie-charter__switch-row' });
        const switchId = `cookie-charter-category-${id}`;
        describedby = `${switchId}-description`;
        if (services) {
          // A category of services: its `aria-checked` is the draft's (`show_draft`).
          append(row, 'button', {
            type: 'button',
            role: 'checkbox',
            class: 'cookie-charter__switch',
            id: switchId,
            'data-category': id,
            'data-services': services,
            'aria-describedby': describedby,
          });
        } else {
          checkbox(row, switchId, 'data-category', id, required === '1', describedby);
        }
        append(row, 'label', { for: switchId }, title);
        if (required === '1') append(row, 'span', { class: 'cookie-charter__always-on' }, t[14]);
        append(block, 'p', { id: describedby, class: 'cookie-charter__description' }, description);
        cookies(block, t, names);
      } else if (kind === 'S' && block) {
        const [name, provider, ...patterns] = fields;
        const service = append(block, 'div', { class: 'cookie-charter__service' });
        const row = append(service, 'div', { class: 'cookie-charter__switch-row' });
        const switchId = `cookie-charter-service-${id}`;
        checkbox(row, switchId, 'data-service', id, false, describedby);
        const label = !provider || provider === name ? name : `${name} (${provider})`;
        append(row, 'label', { for: switchId }, label);
        if (patterns.length) cookies(service, t, patterns);
      }
    }
    actions(dialog, [['save', t[16]]]);
    if (receipt != null) {
      const line = append(dialog, 'p', { class: 'cookie-charter__text cookie-charter__receipt' }, t[18]);
      // Apart, in `<code>`: the visitor copies it into a message to the portal.
      line.append(' ');
      append(line, 'code', {}, receipt);
      append(dialog, 'p', { class: 'cookie-charter__text cookie-charter__receipt-help' }, t[19]);
    }
    dialog.addEventListener('click', (event) => {
      const control = event.target.closest?.('button');
      if (!control) return;
      const action = control.getAttribute('data-action');
      // A category of services' switch is a button (it may be mixed).
      const category = control.getAttribute('data-category');
      if (action) on(action);
      else if (category != null) on(`toggle ${category}`);
    });
    dialog.addEventListener('change', (event) => {
      const id = event.target.getAttribute('data-category') ?? event.target.getAttribute('data-service');
      if (id != null) on(`toggle ${id}`);
    });
    // Esc: the dialog's `cancel`, which would close it without telling anyone.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      on('close');
    });
    parent.append(dialog);
    try {
      dialog.showModal();
    } catch {
      dialog.open = true;
    }
    return dialog;
  });
}

// Shows `draft` (the ids switched on, space-separated) on the panel's switches: a checkbox is
// checked when its id is in it (a disabled one, always on, stays as it is); a category of
// services' switch is `true` when all its services are in it, `mixed` when some are.
export function show_draft(dialog, draft) {
  guarded(() => {
    const on = draft.split(' ');
    for (const control of dialog.querySelectorAll('.cookie-charter__switch')) {
      if (control instanceof HTMLInputElement) {
        const id = control.getAttribute('data-category') ?? control.getAttribute('data-service');
        if (!control.disabled) control.checked = on.includes(id);
      } else {
        const services = (control.getAttribute('data-services') ?? '').split(' ');
        const count = services.filter((id) => on.includes(id)).length;
        control.setAttribute('aria-checked', count === 0 ? 'false' : count === services.length ? 'true' : 'mixed');
      }
    }
  });
}

// Removes `widget`, giving the focus back to where it was when the widget was shown if it was
// lost with it (on the widget or on <body>): whatever took it since keeps it. A dialog is closed
// first (while the modal is open the rest of the page is inert); the banner's class on <html>
// goes with the banner.
export function remove_widget(widget) {
  guarded(() => {
    if (widget.open) widget.close();
    const active = document.activeElement;
    const lost = !active || active === document.body || widget.contains(active);
    widget.remove();
    if (widget.matches('.cookie-charter__banner')) document.documentElement.classList.remove(BANNER_OPEN);
    const before = focusBefore.get(widget);
    if (lost && before?.isConnected) before.focus();
  });
}
