// The modules' entries (js/entry.js, js/reader.js, js/ui.js) hand their wasm-bindgen glue the
// wasm's bytes, always inside an options object (see js/carried.js). The glue also serves pages
// that pass a URL, a `Response` or positional arguments: it fetches, streams, checks the MIME
// type and warns about each, in code and sentences every visitor would download for nothing.
// This keeps of the glue's loading only the path the entries take, and stops the build if the
// glue no longer has the expected code (a wasm-bindgen upgrade changed it: look again).
//
//   node scripts/trim-glue.mjs target/pkg/cookie-charter.js
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
let glue = readFileSync(file, 'utf8');

/** `glue` with `pattern` (found exactly once) replaced by `replacement`. */
function replaceOnce(pattern, replacement, what) {
  const found = glue.match(new RegExp(pattern.source, 'g')) ?? [];
  if (found.length !== 1) {
    console.error(`trim-glue: ${what} found ${found.length} times in ${file} (expected once); the wasm-bindgen glue changed`);
    process.exit(1);
  }
  glue = glue.replace(pattern, replacement);
}

// From bytes or a compiled module: no fetch, no streaming, no MIME check.
replaceOnce(/async function __wbg_load\(module, imports\) \{[\s\S]*?\n\}\n/, `async function __wbg_load(module, imports) {
    const instance = await WebAssembly.instantiate(module, imports);
    return instance instanceof WebAssembly.Instance ? { instance, module } : instance;
}
`, '__wbg_load');
// Options objects only: the deprecated positional forms and their warnings go.
replaceOnce(/ {4}if \(module !== undefined\) \{\n {8}if \(Object\.getPrototypeOf\(module\) === Object\.prototype\) \{\n {12}\(\{module\} = module\)\n {8}\} else \{\n {12}console\.warn\('using deprecated parameters for `initSync\(\)`; pass a single object instead'\)\n {8}\}\n {4}\}\n/,
  '    if (module !== undefined) ({module} = module);\n', 'initSync\'s deprecated parameters');
replaceOnce(/ {4}if \(module_or_path !== undefined\) \{\n {8}if \(Object\.getPrototypeOf\(module_or_path\) === Object\.prototype\) \{\n {12}\(\{module_or_path\} = module_or_path\)\n {8}\} else \{\n {12}console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)\n {8}\}\n {4}\}\n/,
  '    if (module_or_path !== undefined) ({module_or_path} = module_or_path);\n', 'init\'s deprecated parameters');
// Bytes, never a URL or a request to fetch.
replaceOnce(/ {4}if \(typeof module_or_path === 'string' \|\| \(typeof Request === 'function' && module_or_path instanceof Request\) \|\| \(typeof URL === 'function' && module_or_path instanceof URL\)\) \{\n {8}module_or_path = fetch\(module_or_path\);\n {4}\}\n/,
  '', 'init\'s fetch');
writeFileSync(file, glue);
