// docs/charter.schema.json describes what the component accepts: every built-in preset and the
// test charters validate against it, and documents the component refuses are refused by it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile(read('../docs/charter.schema.json'));

test('every built-in preset matches the documented schema', () => {
  const dir = new URL('../crates/core/src/presets/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 6);
  for (const file of files) {
    const ok = validate(read(`../crates/core/src/presets/${file}`));
    assert.ok(ok, `${file}: ${JSON.stringify(validate.errors)}`);
  }
});

for (const fixture of ['inline-charter.html', 'services.html', 'piano-services.html']) {
  test(`the inline test charter of ${fixture} matches the schema`, () => {
    const html = readFileSync(new URL(`./e2e/fixtures/${fixture}`, import.meta.url), 'utf8');
    const json = html.match(/data-cookie-charter-config>([\s\S]*?)<\/script>/)[1];
    assert.ok(validate(JSON.parse(json)), JSON.stringify(validate.errors));
  });
}

test('the schema refuses what the component refuses', () => {
  const base = read('../crates/core/src/presets/saintnazaire.json');
  const broken = [
    { ...base, colour: 'red' },
    { ...base, portal: '' },
    { ...base, url: 'javascript:alert(1)' },
    { ...base, categories: [] },
    { ...base, cookies: [{ ...base.cookies[0], name: 'a;b' }] },
    { ...base, cookies: [{ ...base.cookies[0], purpose: 'a plain string' }] },
    { ...base, categories: [{ ...base.categories[0], id: 'Not An Id' }] },
    { ...base, categories: [...base.categories, { id: 'embeds', title: { fr: 'x' }, services: ['tiktok'] }] },
    { ...base, categories: [...base.categories, { id: 'embeds', title: { fr: 'x' }, services: [{ id: 'Carto', name: { fr: 'x' } }] }] },
    { ...base, categories: [...base.categories, { id: 'embeds', title: { fr: 'x' }, services: [{ id: 'carto' }] }] },
    { ...base, categories: [...base.categories, { id: 'embeds', title: { fr: 'x' }, services: [{ id: 'matomo', script: 'javascript:alert(1)' }] }] },
    { ...base, categories: [...base.categories, { id: 'embeds', title: { fr: 'x' }, services: [{ id: 'matomo', script: ' /m.js' }] }] },
  ];
  for (const doc of broken) assert.equal(validate(doc), false, JSON.stringify(doc).slice(0, 80));
});
