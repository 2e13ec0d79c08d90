// The docs' code blocks that the tests check, so that what the docs show is what is tested: a
// block is marked by `<!-- marker -->` on the line before it, in the README or a file of docs/.
// `node scripts/doc-snippet.mjs <marker> <language> <out>` writes the block of `language` that
// follows `<!-- marker -->` to `out`.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The README, then each Markdown file of docs/. */
function docs() {
  const folder = new URL('../docs/', import.meta.url);
  const files = [new URL('../README.md', import.meta.url)];
  for (const name of readdirSync(folder).sort()) if (name.endsWith('.md')) files.push(new URL(name, folder));
  return files;
}

/** The text of the `language` code block after `<!-- marker -->`, with the file it is in; throws if none. */
export function docBlock(marker, language) {
  for (const file of docs()) {
    const text = readFileSync(file, 'utf8');
    const block = text.match(new RegExp(`<!-- ${marker} -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\`\`\``));
    if (block) return { text: block[1], file: fileURLToPath(file).split('/').slice(-2).join('/') };
  }
  throw new Error(`no ${language} block after <!-- ${marker} --> in the README or docs/`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [marker, language, out] = process.argv.slice(2);
  const block = docBlock(marker, language);
  writeFileSync(out, `// From ${block.file} (scripts/doc-snippet.mjs ${marker}): do not edit.\n${block.text}`);
}
