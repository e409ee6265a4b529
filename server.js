// Production entry: serves the built app (build/handler.js) over plain HTTP on PORT (default 3000).
// Behind a TLS proxy, the proxy's X-Forwarded-Proto says https; a direct connection is http. SvelteKit
// then sees the true origin, so its same-origin check of form posts (CSRF) and the cookies' Secure flag
// follow how the browser actually reached us — without configuring ORIGIN for a quick start.
import http from 'node:http';

process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
// Uploads may be up to 20 MB (files/index.ts); adapter-node's default of 512 kB would cut them off with a bare 413.
process.env.BODY_SIZE_LIMIT ??= '25M';
const buildDir = process.env.RSP_BUILD_DIR ?? 'build';
const { handler } = await import(new URL(`./${buildDir}/handler.js`, import.meta.url).href);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

const server = http.createServer((req, res) => {
  if (!req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});

server.listen(port, host, () => console.log(`RSP listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`));

let closing = false;
function shutdown(reason) {
  if (closing) return;
  closing = true;
  // Stop taking requests, let in-flight ones finish, then let the app close the database.
  server.close(() => {
    process.emit('sveltekit:shutdown', reason);
    setTimeout(() => process.exit(0), 1000).unref();
  });
  server.closeIdleConnections?.();
  setTimeout(() => process.exit(0), 30_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
