// What cookie-charter.js and cookie-charter-ui.js carry inside themselves instead of loading it
// from URLs next to them: their wasm (a string of one Latin-1 character a byte, the character's
// code being the byte, put into the bundled module by scripts/inline-wasm.mjs in place of
// carried-wasm.js's placeholder) and their stylesheet (text). No request waits on another, and
// a bundler or dev server that moves the module (Vite's dependency pre-bundling) has no file to
// lose. Bundled into each of the two modules by esbuild.

/**
 * The bytes of a wasm carried as one Latin-1 character a byte. The browser's base64 functions do
 * it natively, far faster than a loop; the loop runs where `Uint8Array.fromBase64` is missing
 * (Chrome before 140, Safari before 18.2).
 */
export function wasmBytes(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(btoa(text));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether the page already links the stylesheet at `href`. */
function linked(href) {
  return [...document.querySelectorAll('link[rel~="stylesheet"]')].some((link) => link.href === href);
}

/**
 * Applies the stylesheet `css` as a constructed stylesheet: no request, and allowed by a strict
 * `style-src 'self'` (it is not inline markup). Where constructed stylesheets are missing (Safari
 * before 16.4), or with `link` (a module that does not carry its styles), the same styles are
 * linked from `href`, the shipped file. A page that links `href` itself keeps its link and gets
 * no second copy.
 */
export function applyStylesheet(css, href, link = false) {
  if (linked(href)) return;
  try {
    if (link) throw new Error('linked');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    (document.head || document.documentElement).append(link);
  }
}
