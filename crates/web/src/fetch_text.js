// fetch() of a text resource, answered through one callback: done(text), done(status) for an
// error status, done(null) for a body that is not text, done([why]) for a failed request. Never
// throws. The first layer's entry module fetches a portal's charter with it, and a Rust
// application's wasm through web::fetch.
export function fetch_text(url, done) {
  try {
    fetch(url).then(
      (r) => (r.ok ? r.text().then(done, () => done(null)) : done(r.status)),
      (e) => done([String((e && e.message) || e)]),
    );
  } catch (e) {
    done([String((e && e.message) || e)]);
  }
}
