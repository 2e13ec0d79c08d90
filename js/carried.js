// What cookie-charter.js and cookie-charter-ui.js carry inside themselves instead of loading it
// from URLs next to them: their wasm (a string of one character a byte and the key that says
// which character stands for which byte, made by scripts/inline-wasm.mjs) and their stylesheet
// (text). No request waits on another, and a
// bundler or dev server that moves the module (Vite's dependency pre-bundling) has no file to
// lose. Bundled into each of the two modules by esbuild.

/** The bytes of a wasm carried as one character a byte: `key` is the character of each byte. */
export function wasmBytes({ key, text }) {
  // Every character of the key is below U+0200 (scripts/inline-wasm.mjs).
  const byteOf = new Uint8Array(0x200);
  for (let byte = 0; byte < 256; byte++) byteOf[key.charCodeAt(byte)] = byte;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = byteOf[text.charCodeAt(i)];
  return bytes;
}

/** Whether the page already links the stylesheet at `href`. */
function linked(href) {
  return [...document.querySelectorAll('link[rel~="stylesheet"]')].some((link) => link.href === href);
}

/**
 * Applies the stylesheet `css` as a constructed stylesheet: no request, and allowed by a strict
 * `style-src 'self'` (it is not inline markup). Where constructed stylesheets are missing (Safari
 * before 16.4) the same styles are linked from `href`, the shipped file. A page that links `href`
 * itself keeps its link and gets no second copy.
 */
export function applyStylesheet(css, href) {
  if (linked(href)) return;
  try {
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
