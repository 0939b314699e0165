// `i2pd-doctor serve`: the paste-and-diagnose page on a local port. The log a user pastes is
// analysed in their browser; this server only hands out the page's own files.
import { say, writeOut } from './output.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSiteServer, SITE_DIR } from '../node/serve/static-server.js';

export interface ServeOptions {
  port: string;
  host: string;
}

export async function serveCommand(o: ServeOptions): Promise<number> {
  const port = Number(o.port);
  if (!/^\d+$/.test(o.port) || port > 65535) {
    say(`--port ${o.port}: give a port number from 0 to 65535 (0 picks a free one)`);
    return 2;
  }
  if (!existsSync(join(SITE_DIR, 'index.html'))) {
    say(`the page is not built (${SITE_DIR} has no index.html); run npm run build:web in the i2pd-doctor folder`);
    return 2;
  }
  const server = createSiteServer();
  return new Promise((resolve) => {
    server.on('error', (e: NodeJS.ErrnoException) => {
      say(e.code === 'EADDRINUSE' ? `${o.host}:${port} is in use; pick another with --port` : `cannot listen on ${o.host}:${port}: ${e.message}`);
      resolve(2);
    });
    server.listen(port, o.host, () => {
      const a = server.address();
      const actual = a && typeof a === 'object' ? a.port : port;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      writeOut(`i2pd-doctor: serving the page at http://${host}:${actual}/ (Ctrl+C stops)\n`);
      // close() alone waits for every open connection: an idle keep-alive one, or a request
      // whose headers never end, would hold the server after Ctrl+C. The page is static: cut them.
      const stop = () => {
        server.close(() => resolve(0));
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
