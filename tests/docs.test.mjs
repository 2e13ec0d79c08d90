// The docs stay true: every relative link of the README, CONTRIBUTING.md and docs/ leads to a
// file (and heading) that exists, every size figure they give is the one wasm-pack.toml holds
// (which the size test holds the build to), and the README stays the five-minute front door.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../scripts/modules.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The Markdown files a reader is sent to: README, CONTRIBUTING and everything under docs/. */
function markdownFiles() {
  const found = ['README.md', 'CONTRIBUTING.md'].map((f) => join(ROOT, f));
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  walk(join(ROOT, 'docs'));
  return found;
}

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(text) {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower-cased, punctuation dropped, spaces as hyphens. */
function slug(heading) {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The anchors of the headings of a Markdown file. */
function anchors(path) {
  const seen = new Map();
  const result = new Set();
  for (const [, heading] of prose(readFileSync(path, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

test('every relative link in the README, CONTRIBUTING.md and docs/ resolves', () => {
  const broken = [];
  let checked = 0;
  for (const file of markdownFiles()) {
    for (const [, target] of prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue; // http(s), mailto: not ours to check here
      checked += 1;
      const [path, anchor] = target.split('#');
      const resolved = path ? join(dirname(file), decodeURIComponent(path)) : file;
      const where = `${relative(ROOT, file)} → ${target}`;
      if (!existsSync(resolved)) broken.push(`${where}: no such file`);
      else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${where}: no such heading`);
    }
  }
  assert.ok(checked > 20, `only ${checked} links found: is the pattern right?`);
  assert.deepEqual(broken, []);
});

test('every size figure in the docs is the one wasm-pack.toml holds', () => {
  const figures = Object.fromEntries(MODULES.flatMap((m) => [[m.name, m.brotli], ...(m.wasm ? [[`${m.name}-wasm`, m.wasm]] : [])]));
  const wrong = [];
  let checked = 0;
  for (const file of markdownFiles()) {
    // A figure is written `53,919<!-- size: cookie-charter -->`: the number right before the mark.
    for (const [, number, name] of readFileSync(file, 'utf8').matchAll(/([\d,]+)\s*(?:B\s*)?<!-- size: ([\w-]+) -->/g)) {
      checked += 1;
      const given = Number(number.replaceAll(',', ''));
      if (!(name in figures)) wrong.push(`${relative(ROOT, file)}: no module ${name} in wasm-pack.toml`);
      else if (given !== figures[name]) wrong.push(`${relative(ROOT, file)}: ${name} given as ${given}, wasm-pack.toml holds ${figures[name]}`);
    }
  }
  assert.ok(checked >= MODULES.length, `${checked} marked figures found`);
  assert.deepEqual(wrong, []);
  // No unmarked figure of a bundle's weight either: a "NN,NNN B" in prose is a size to mark.
  for (const file of markdownFiles().filter((f) => !f.includes(`${join('docs', 'benchmarks')}`))) {
    const unmarked = [...prose(readFileSync(file, 'utf8')).matchAll(/\b\d{2},\d{3} B\b(?!\s*<!--)/g)].map((m) => m[0]);
    assert.deepEqual(unmarked, [], `${relative(ROOT, file)}: sizes not marked <!-- size: … -->`);
  }
});

test('a code block shown in several docs under one marker is the same everywhere', () => {
  const blocks = new Map();
  for (const file of markdownFiles()) {
    for (const [, marker, block] of readFileSync(file, 'utf8').matchAll(/<!-- ([\w-]+) -->\s*```\w+\n([\s\S]*?)```/g)) {
      if (!blocks.has(marker)) blocks.set(marker, []);
      blocks.get(marker).push({ file: relative(ROOT, file), block });
    }
  }
  assert.ok(blocks.has('quick-start-tag') && blocks.has('npm-snippet'), [...blocks.keys()].join(', '));
  for (const [marker, seen] of blocks) {
    for (const { file, block } of seen) assert.equal(block, seen[0].block, `${marker} in ${file} differs from ${seen[0].file}`);
  }
});

test('the README is the front door: at most 150 lines, and it links to the docs by subject', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
  assert.ok(lines <= 150, `${lines} lines`);
  for (const doc of readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'))) {
    assert.ok(readme.includes(`(docs/${doc})`), `the README links docs/${doc}`);
  }
});
