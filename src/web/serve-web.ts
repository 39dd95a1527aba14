import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { RecapError } from '../errors.js';
import type { WebConfig } from '../config.js';
import { buildWebApp, type WebAppDeps } from './web-app.js';

export interface RunningWeb {
  /** Where the pages are, e.g. http://127.0.0.1:3030 */
  url: string;
  /**
   * With no RECAP_ADMIN_TOKEN, a link that logs in with the token made for this run: shown once
   * to the person who started recap (on their terminal, never in the log). Null otherwise.
   */
  loginUrl: string | null;
  close(): Promise<void>;
}

/** Serves the web app on WEB_HOST:WEB_PORT; a port in use fails with the variable to change. */
export async function serveWeb(config: WebConfig, deps: Omit<WebAppDeps, 'options'>): Promise<RunningWeb> {
  const generated = config.adminToken === null;
  const adminToken = config.adminToken ?? randomBytes(24).toString('base64url');
  const app = await buildWebApp({ ...deps, options: { host: config.host, port: config.port, publicPages: config.publicPages, adminToken, generatedToken: generated, publicUrl: config.publicUrl } });
  const url = await listenOn(app, config.host, config.port, 'WEB_PORT');
  return {
    url,
    loginUrl: generated ? `${url}/login?token=${adminToken}` : null,
    close: () => app.close(),
  };
}

/**
 * Starts serving; a port in use or a host that is not this machine's fails with the variable to
 * change. Returns the URL it is reached at.
 */
export async function listenOn(app: FastifyInstance, host: string, port: number, portVariable: string): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new RecapError('config_invalid', `${portVariable}: port ${port} on ${host} is in use by another program; set ${portVariable} to a free port (or RECAP_WEB=false to serve nothing).`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new RecapError('config_invalid', `WEB_HOST: "${host}" is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every interface.`);
    throw error;
  }
  const address = app.server.address();
  return `http://${displayHost(host)}:${typeof address === 'object' && address !== null ? address.port : port}`;
}

/** The host to put in a URL: a wildcard address is reached on the loopback; IPv6 in brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
