// The preferences panel's upkeep, done in the page's own JavaScript: `panel/mod.rs` binds to it
// and says when. Opening, updating and closing a dialog is DOM work through and through; through
// web-sys it costs the first visit more than these lines (docs/size.md).

// Opens `dialog` as a modal (focus inside, the rest of the page inert), or, where the browser
// refuses, as a plain open dialog.
export function open_panel(dialog) {
  try {
    dialog.showModal();
  } catch {
    dialog.open = true;
  }
}

// Shows `draft` (the ids switched on, space-separated) on the panel's switches: a checkbox is
// checked when its id is in it (a disabled one, always on, stays as it is); a category of
// services' switch is `true` when all its services are in it, `mixed` when some are.
export function show_draft(dialog, draft) {
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
}

// Closes and removes `dialog`, giving the focus back to `before` if it was lost with it (on the
// dialog or on <body>): whatever took it since keeps it.
export function close_panel(dialog, before) {
  // Closed first: while the modal is open the rest of the page is inert.
  if (dialog.open) dialog.close();
  const active = document.activeElement;
  const lost = !active || active === document.body || dialog.contains(active);
  dialog.remove();
  if (lost && before && before.isConnected) before.focus();
}
