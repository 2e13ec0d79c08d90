// document.cookie and where the page is, for web::cookies, which decides every cookie written.
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

/** The page's host name (location.hostname): the domains its cookies can be set on. */
export function page_host() {
  return location.hostname;
}

/** The page's path (location.pathname): the paths its cookies can be set on. */
export function page_path() {
  return location.pathname || '/';
}

/** Whether the page is served over https, so that cookies get the Secure attribute. */
export function page_is_secure() {
  return location.protocol === 'https:';
}
