import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAdminPage } from './admin-page.js';
import { registerAskPage } from './ask-page.js';
import { registerHealthRoutes } from './health-routes.js';
import { html } from './html.js';
import { page } from './layout.js';
import { registerLoginRoutes } from './login-routes.js';
import { registerMcpRoute } from './mcp-route.js';
import { registerMetricsRoute } from './metrics.js';
import { registerNotesPages } from './notes-pages.js';
import { registerSchedulesPage } from './schedules-page.js';
import { isAdmin, sessionSecret } from './session.js';
import type { WebDeps } from './web-deps.js';

/** Paths anyone may reach: probes, the login itself; /mcp checks its bearer token itself (no login page for an API). */
const OPEN_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/login', '/mcp']);

export type WebAppDeps = Omit<WebDeps, 'viewer'>;

/**
 * The web app: notes, ask and schedules pages (open when WEB_PUBLIC=true, else behind the admin
 * login), the admin pages, health and metrics. Fastify: schema-checked routes, a plugin for each
 * concern (cookies, CSRF, rate limits, forms), and bull-board has a Fastify adapter.
 */
export async function buildWebApp(input: WebAppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: input.logger.child({ component: 'web' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 64 * 1024 });
  await app.register(fastifyCookie, { secret: sessionSecret(input.options.adminToken) });
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, { cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' } });
  await app.register(fastifyRateLimit, { global: false });

  const deps: WebDeps = {
    ...input,
    viewer: (request: FastifyRequest, reply: FastifyReply) => (isAdmin(request) ? { admin: true, csrfToken: reply.generateCsrf() } : { admin: false }),
  };

  app.addHook('onRequest', async (request, reply) => {
    const path = request.routeOptions.url;
    if (path === undefined || OPEN_PATHS.has(path)) return;
    const needsLogin = path === '/admin' || path.startsWith('/admin/') || !deps.options.publicPages;
    if (needsLogin && !isAdmin(request)) return reply.redirect(`/login?${new URLSearchParams({ next: request.url }).toString()}`);
  });

  // Defence in depth beside escaping: no script runs, nothing loads from elsewhere, no framing.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'page failed');
    // A refused form (CSRF) or a bad request says why; an internal error says only that it failed.
    const message = error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET' ? 'This form expired or did not come from this site. Go back, reload the page and try again.' : status < 500 ? error.message : 'Something went wrong on our side; the log says what.';
    const body = html`<h1>${status < 500 ? 'Request refused' : 'Error'}</h1><p class="error">${message}</p><p><a href="/notes">Notes</a></p>`;
    return reply.code(status === 500 && error.code?.startsWith('FST_CSRF') ? 403 : status).type('text/html; charset=utf-8').send(page({ title: 'Error', body }).markup);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const body = html`<h1>Not found</h1><p>Nothing at <code>${request.url.slice(0, 200)}</code>. <a href="/notes">Notes</a> · <a href="/ask">Ask</a></p>`;
    return reply.code(404).type('text/html; charset=utf-8').send(page({ title: 'Not found', body }).markup);
  });

  registerHealthRoutes(app, { redis: deps.runtime.redis, ready: () => (deps.indexLoaded() ? null : 'index: still loading the notes from Redis') });
  registerMetricsRoute(app, deps.metrics);
  registerLoginRoutes(app, deps);
  registerNotesPages(app, deps);
  registerAskPage(app, deps);
  registerSchedulesPage(app, deps);
  registerAdminPage(app, deps);
  registerMcpRoute(app, deps);
  return app;
}
