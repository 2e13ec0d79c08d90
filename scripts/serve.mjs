// Static server for the demo and the end-to-end tests: dist/ under /cookie-charter/, www/ at /.
// `node scripts/serve.mjs [port]` serves on localhost; `startServer()` is used by the tests.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts the server on 127.0.0.1. `mounts` adds folders under URL prefixes (tests add fixtures).
 * Resolves to { url, close() }.
 */
export function startServer({ port = 0, mounts = {} } = {}) {
  const options = { dev: true, etag: false, extensions: ['html'] };
  const routes = [
    ['/cookie-charter/', sirv(`${root}/dist`, options)],
    ...Object.entries(mounts).map(([prefix, dir]) => [prefix, sirv(dir, options)]),
    ['/', sirv(`${root}/www`, options)],
  ];
  const server = http.createServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.end('Not found');
    };
    for (const [prefix, handler] of routes) {
      if (req.url.startsWith(prefix)) {
        const original = req.url;
        req.url = '/' + req.url.slice(prefix.length);
        return handler(req, res, () => {
          req.url = original;
          notFound();
        });
      }
    }
    notFound();
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://localhost:${actual}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`cookie-charter demo: ${url}/  (charter page: ${url}/charte-cookies.html) — Ctrl-C to stop`);
}
