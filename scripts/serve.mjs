// Static server for the demo and the end-to-end tests: dist/ under /cookie-charter/, www/ at /,
// /csp.html with a strict Content-Security-Policy header, and the consent register's endpoints:
// with `register` (the demo), /register/<path> is forwarded to the register's /<path> (receipts,
// banners shown, the choice cookie, the dashboard), as a portal's reverse proxy would, and so is
// POST /receipts/<portal>; otherwise a tiny reference receiver records what the banner sends
// (POST /receipts, /receipts/<portal> or /register/v1/portals/<portal>/<endpoint>; GET
// /receipts lists the receipts) and sets no cookie.
// `node scripts/serve.mjs [port]` serves on localhost (REGISTER=<url> forwards to a register);
// `startServer()` is used by the tests.
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import sirv from 'sirv';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The strict policy the component works under (docs/security.md). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self'; connect-src 'self'";

/**
 * Starts the server on 127.0.0.1. `mounts` adds folders under URL prefixes (tests add fixtures);
 * `headers` maps a path to extra response headers; `compress` serves files brotli-compressed
 * (quality 11, as a CDN serves precompressed files) to browsers that accept it; `handlers` maps a
 * path to a function (req, res) that answers it (tests stream pages with it); `caching` says how
 * browsers may keep the files (the benchmark's returning visits): 'none' (no-store, read anew on
 * each request: the demo and the tests), 'revalidate' (no-cache + ETag: each reuse costs a 304
 * round trip) or 'long' (max-age of a year, immutable; pages themselves stay no-cache); `tls`
 * ({ key, cert }) serves https. Resolves to { url, receipts, sent, close() }, where `receipts`
 * is the list of receipts the receiver got and `sent` what it got at the register's other
 * endpoints ({ endpoint, portal, contentType, body }).
 */
export function startServer({ port = 0, mounts = {}, headers = {}, compress = false, handlers = {}, caching = 'none', register = null, tls = null } = {}) {
  const compressed = new Map();
  const extraHeaders = { '/csp.html': { 'Content-Security-Policy': STRICT_CSP }, ...headers };
  const receipts = [];
  const sent = [];
  const options = sirvOptions(caching);
  const routes = [
    ['/cookie-charter/', sirv(`${root}/dist`, options)],
    ...Object.entries(mounts).map(([prefix, dir]) => [prefix, sirv(dir, options)]),
    ['/', sirv(`${root}/www`, options)],
  ];
  const handle = (req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.end('Not found');
    };
    const path = req.url.split('?')[0];
    const portal = path.match(/^\/receipts\/([a-z0-9-]{1,64})$/)?.[1];
    if (portal && register) return forward(req, res, `${register}/v1/portals/${portal}/receipts`);
    if (path === '/receipts' || portal) return receiver(req, res, receipts);
    if (path.startsWith('/register/')) {
      if (register) return forward(req, res, register + req.url.slice('/register'.length));
      const [, to, endpoint] = path.match(/^\/register\/v1\/portals\/([a-z0-9-]{1,64})\/(receipts|impressions|choice)$/) ?? [];
      if (endpoint === 'receipts') return receiver(req, res, receipts);
      if (endpoint) return recorder(req, res, sent, { endpoint, portal: to });
      return notFound();
    }
    if (handlers[path]) return handlers[path](req, res);
    for (const [name, value] of Object.entries(extraHeaders[path] ?? {})) res.setHeader(name, value);
    if (compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) brotliResponse(res, req.url, compressed);
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
  };
  const server = tls ? https.createServer(tls, handle) : http.createServer(handle);
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `${tls ? 'https' : 'http'}://localhost:${actual}`,
        receipts,
        sent,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/** sirv's options for one of startServer's `caching` modes. */
function sirvOptions(caching) {
  const noCacheForPages = (res, pathname) => {
    if (caching === 'revalidate' || pathname.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  };
  switch (caching) {
    case 'none':
      return { dev: true, etag: false, extensions: ['html'] };
    case 'revalidate':
      return { dev: false, etag: true, extensions: ['html'], setHeaders: noCacheForPages };
    case 'long':
      return { dev: false, etag: true, maxAge: 31536000, immutable: true, extensions: ['html'], setHeaders: noCacheForPages };
    default:
      throw new Error(`startServer: unknown caching ${JSON.stringify(caching)}; expected none, revalidate or long`);
  }
}

/**
 * Makes `res` send its body brotli-compressed: sirv's headers and piped file are held, then
 * sent compressed (each URL compressed once, into `cache`).
 */
function brotliResponse(res, url, cache) {
  const { writeHead, end } = res;
  const chunks = [];
  let status = null;
  let headers = {};
  res.writeHead = (code, given = {}) => {
    status = code;
    headers = given;
    return res;
  };
  res.write = (chunk) => {
    chunks.push(Buffer.from(chunk));
    return true;
  };
  res.end = (chunk) => {
    if (chunk) chunks.push(Buffer.from(chunk));
    let body = Buffer.concat(chunks);
    status ??= res.statusCode;
    if (status === 200 && body.length > 0) {
      if (!cache.has(url)) {
        cache.set(url, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      body = cache.get(url);
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
      headers['Content-Encoding'] = 'br';
      headers['Content-Length'] = body.length;
    }
    writeHead.call(res, status, headers);
    return end.call(res, body);
  };
}

/**
 * Forwards `req` to `target` (the register), with what the register reads of the browser's
 * request: its method, type, origin, the DPO's credential (the dashboard), and the browser's
 * address as this proxy saw it (X-Forwarded-For, which the register believes from this proxy
 * only, for its rate limit). The answer comes back whole, its Set-Cookie included: the choice
 * cookie is then the portal's own server's.
 */
function forward(req, res, target) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const headers = { 'x-forwarded-for': req.socket.remoteAddress ?? '' };
      for (const name of ['content-type', 'origin', 'authorization', 'access-control-request-method', 'access-control-request-headers']) {
        if (req.headers[name]) headers[name] = req.headers[name];
      }
      const answer = await fetch(target, {
        method: req.method,
        headers,
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      });
      res.statusCode = answer.status;
      for (const [name, value] of answer.headers) {
        if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'set-cookie'].includes(name)) res.setHeader(name, value);
      }
      const cookies = answer.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      res.statusCode = 502;
      res.end('the consent register does not answer');
    }
  });
}

/**
 * Reads a POST's text body (8 KB at most) into `done(body)`; another method is answered 405.
 */
function postedText(req, res, done) {
  if (req.method !== 'POST') {
    res.statusCode = 405;
    return res.end();
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
    if (body.length > 8192) req.destroy();
  });
  req.on('end', () => done(body));
}

/**
 * The reference receiver of the register's other endpoints: records each POST (at most 1000)
 * and answers 204, setting no cookie.
 */
function recorder(req, res, sent, what) {
  postedText(req, res, (body) => {
    if (sent.length < 1000) sent.push({ ...what, contentType: req.headers['content-type'], body });
    res.statusCode = 204;
    res.end();
  });
}

/** The reference receipt receiver: keeps each POSTed JSON receipt (at most 1000, 8 KB each). */
function receiver(req, res, receipts) {
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'application/json');
    return res.end(JSON.stringify(receipts));
  }
  postedText(req, res, (body) => {
    try {
      if (receipts.length < 1000) receipts.push({ contentType: req.headers['content-type'], receipt: JSON.parse(body) });
      res.statusCode = 204;
    } catch {
      res.statusCode = 400;
    }
    res.end();
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await startServer({ port, register: process.env.REGISTER || null });
  console.log(`cookie-charter demo: ${url}/  (charter page: ${url}/charte-cookies.html) — Ctrl-C to stop`);
}
