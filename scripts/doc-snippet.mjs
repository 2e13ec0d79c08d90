// The README's code blocks that the tests check, so that what the README shows is what is
// tested. `node scripts/readme-snippet.mjs <marker> <language> <out>` writes the block of
// `language` that follows `<!-- marker -->` to `out`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The text of the README's `language` code block after `<!-- marker -->`; throws if none. */
export function readmeBlock(marker, language) {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = readme.match(new RegExp(`<!-- ${marker} -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\`\`\``));
  if (!block) throw new Error(`no ${language} block after <!-- ${marker} --> in the README`);
  return block[1];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [marker, language, out] = process.argv.slice(2);
  writeFileSync(out, `// From the README (scripts/readme-snippet.mjs ${marker}): do not edit.\n${readmeBlock(marker, language)}`);
}
