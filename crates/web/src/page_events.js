// What the view listens to on the page besides its own widgets, in the page's own JavaScript:
// `page_events.rs` binds to it and decides what each means. Listening through web-sys costs the
// first visit more than these lines (docs/size.md).

// Calls `on("open")` when the visitor clicks an element with `data-cookie-charter-open` (or
// something inside one), anywhere on the page, including elements added later, cancelling the
// click's navigation (the element is often `<a href="#">`); and `on("reread")` at each moment a
// choice made elsewhere may have changed the cookie: the page comes back from the
// back/forward cache, another tab changed the receipt's `key` in `localStorage` (or cleared it
// all), the visitor comes back to this tab (also where storage is off). Returns what stops it.
export function listen_page(key, on) {
  const listeners = [
    [document, 'click', (event) => {
      if (event.target.closest?.('[data-cookie-charter-open]')) {
        event.preventDefault();
        on('open');
      }
    }],
    [window, 'pageshow', (event) => event.persisted && on('reread')],
    [window, 'storage', (event) => (event.key === null || event.key === key) && on('reread')],
    [document, 'visibilitychange', () => !document.hidden && on('reread')],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
  };
}
