// Where the page is (window.location), for web::location: read here, where a getter is one
// property access, rather than through a binding each.

export function page_host() {
  return location.hostname;
}

export function page_path() {
  return location.pathname || '/';
}

export function page_is_secure() {
  return location.protocol === 'https:';
}

export function page_address() {
  return location.href;
}

export function reload_page() {
  location.reload();
}
