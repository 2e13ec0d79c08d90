// document.cookie, for web::cookies, which decides every cookie written.
// Nothing here throws: reading or writing document.cookie throws in a sandboxed document and
// where cookies are disabled, and a document that is not HTML has no cookies at all.

/** The whole document.cookie string; empty when cookies cannot be read. */
export function read_cookies() {
  try {
    const all = document.cookie;
    return typeof all === 'string' ? all : '';
  } catch {
    return '';
  }
}

/** Assigns `assignment` to document.cookie; false when the page cannot write cookies. */
export function write_cookie(assignment) {
  try {
    if (typeof document.cookie !== 'string') return false;
    document.cookie = assignment;
    return true;
  } catch {
    return false;
  }
}
