// Entry point of dist/cookie-charter-settings.js: why the settings the first layer refused are
// refused, written in the console. Loaded by cookie-charter.js only on a page where a setting is
// refused; not meant to be imported directly. It carries its wasm (see carried.js).
import init, * as settings from '../target/pkg/cookie-charter-settings.js';
import SETTINGS_WASM from './carried-wasm.js';
import { wasmBytes } from './carried.js';

/** Compiles the wasm and returns its exports (`describeSettings(tag, options)`). */
export async function load() {
  await init({ module_or_path: wasmBytes(SETTINGS_WASM) });
  return settings;
}
