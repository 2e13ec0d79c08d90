// Turns a texts file (crates/core/src/texts/<tag>.json) into the module a page in that language loads
// (dist/cookie-charter-lang-<tag>.js): its JSON, minified, as the default export (a string,
// which the first layer reads as it reads its built-in French). Run by scripts/build.sh.
import { readFileSync, writeFileSync } from 'node:fs';

const [source, target] = process.argv.slice(2);
const json = JSON.stringify(JSON.parse(readFileSync(source, 'utf8')));
writeFileSync(target, `export default ${JSON.stringify(json)};\n`);
