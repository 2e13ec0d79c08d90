// Bundles examples/vite's app with webpack 5 into examples/vite/dist-webpack (served under
// /webpack/ by the tests), as a team on webpack would: the TypeScript turned into JavaScript
// first (by esbuild here, where such a team has ts-loader or babel), then webpack's defaults in
// production mode, the package resolved from examples/vite/node_modules. Webpack's Node API is
// used because webpack-cli 7 needs Node 22. Run by scripts/example-vite.sh after the install.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import webpack from 'webpack';

const example = fileURLToPath(new URL('../examples/vite/', import.meta.url));
const out = join(example, 'dist-webpack');
const scratch = mkdtempSync(join(tmpdir(), 'cookie-charter-webpack-'));
buildSync({ entryPoints: [join(example, 'src/main.ts')], outfile: join(scratch, 'main.js'), format: 'esm', target: 'es2022', logLevel: 'warning' });

const compiler = webpack({
  mode: 'production',
  context: scratch,
  entry: './main.js',
  output: { path: out, filename: 'main.js', clean: true },
  resolve: { modules: [join(example, 'node_modules'), 'node_modules'] },
  performance: { hints: false },
});
compiler.run((error, stats) => {
  compiler.close(() => {});
  rmSync(scratch, { recursive: true, force: true });
  if (error || stats.hasErrors()) {
    console.error(error ?? stats.toString({ all: false, errors: true }));
    process.exit(1);
  }
  // webpack's default output is a classic script that loads its chunks itself.
  const page = readFileSync(join(example, 'index.html'), 'utf8')
    .replace('<script type="module" src="/src/main.ts"></script>', '<script defer src="./main.js"></script>');
  writeFileSync(join(out, 'index.html'), page);
  const files = readdirSync(out).map((name) => `${name} (${statSync(join(out, name)).size} B)`);
  console.log(`examples/vite/dist-webpack: ${files.join(', ')}`);
});
