// Stands for the wasm a module carries. scripts/build.sh bundles the module with this string,
// then scripts/inline-wasm.mjs replaces it in the bundled file with the wasm's bytes, one
// Latin-1 character a byte (see carried.js). Unbundled, the placeholder is not a wasm, and the
// module fails to start with a console error.
export default '@cookie-charter:carried-wasm@';
