import type { FastifyInstance } from 'fastify';
import { html } from './html.js';
import { page } from './layout.js';
import { endSession, isAdminToken, safeNext, startSession } from './session.js';
import type { WebDeps } from './web-deps.js';
import { stringFields } from './web-schema.js';

/** Login attempts per client address and minute: enough for typos, too few to guess a token. */
const LOGIN_ATTEMPTS_PER_MINUTE = 10;

interface LoginForm {
  token?: string;
  next?: string;
  _csrf?: string;
  failed?: string;
}

export function registerLoginRoutes(app: FastifyInstance, deps: WebDeps): void {
  const secure = deps.options.publicUrl?.startsWith('https://') ?? false;
  const rateLimit = { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } };

  // GET with ?token= is the login link `recap start` prints; without it, the form.
  app.get<{ Querystring: LoginForm }>('/login', { config: rateLimit, schema: { querystring: stringFields('token', 'next', 'failed') } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.query.token !== undefined) {
      if (isAdminToken(request.query.token, deps.options.adminToken)) {
        startSession(reply, secure);
        return reply.redirect(next);
      }
      return sendForm(401, 'That token is not the admin token.');
    }
    return sendForm(request.query.failed ? 401 : 200, request.query.failed ? 'That token is not the admin token.' : null);

    function sendForm(status: number, error: string | null): ReturnType<typeof reply.send> {
      const hint = deps.options.generatedToken
        ? 'Use the login link recap printed when it started (or set RECAP_ADMIN_TOKEN).'
        : 'The token is RECAP_ADMIN_TOKEN of this recap.';
      const body = html`<h1>Log in</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/login" class="search"><input type="hidden" name="_csrf" value="${reply.generateCsrf()}"><input type="hidden" name="next" value="${next}">
<input type="password" name="token" autocomplete="current-password" placeholder="Admin token" aria-label="Admin token" required><button type="submit">Log in</button></form>
<p class="meta">${hint}${deps.options.publicPages ? '' : ' Pages are open without a login only when WEB_PUBLIC=true.'}</p>`;
      return reply.code(status).type('text/html; charset=utf-8').send(page({ title: 'Log in', body }).markup);
    }
  });

  app.post<{ Body: LoginForm }>('/login', { config: rateLimit, preHandler: app.csrfProtection, schema: { body: stringFields('token', 'next', '_csrf') } }, async (request, reply) => {
    const next = safeNext(request.body.next);
    if (typeof request.body.token === 'string' && isAdminToken(request.body.token, deps.options.adminToken)) {
      startSession(reply, secure);
      return reply.redirect(next, 303);
    }
    return reply.redirect(`/login?${new URLSearchParams({ next, failed: '1' }).toString()}`, 303);
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (_request, reply) => {
    endSession(reply);
    return reply.redirect('/login', 303);
  });
}
