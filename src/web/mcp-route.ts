import type { FastifyInstance, FastifyRequest } from 'fastify';
import { handleMcpHttpRequest } from '../mcp/mcp-http.js';
import type { McpDeps } from '../mcp/mcp-server.js';
import { isAdminToken } from './session.js';
import type { WebDeps } from './web-deps.js';

/** Requests per client address and minute: plenty for an assistant, few for guessing the token. */
const MCP_REQUESTS_PER_MINUTE = 300;

/**
 * MCP over streamable HTTP at /mcp, for the admin: `Authorization: Bearer <RECAP_ADMIN_TOKEN>`.
 * A bearer API, not a form: no CSRF token, and the session cookie alone is not enough (a page
 * elsewhere could make a browser send the cookie; it cannot make it send the header).
 * Stateless: each POST gets a server of its own, so GET (a server-sent stream) and DELETE (end of
 * a session) have nothing to serve.
 */
export function registerMcpRoute(app: FastifyInstance, deps: WebDeps): void {
  const mcp: McpDeps = { runtime: deps.runtime, index: deps.index, ask: (question) => deps.ask(question), publicUrl: deps.options.publicUrl, logger: deps.logger };
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    config: { rateLimit: { max: MCP_REQUESTS_PER_MINUTE, timeWindow: '1 minute' } },
    // Checked before the body is read: a caller without the token gets nothing parsed.
    onRequest: async (request, reply) => {
      if (hasAdminBearer(request, deps.options.adminToken)) return;
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="recap"')
        .type('application/json')
        .send(rpcError(-32000, 'Unauthorized: send Authorization: Bearer <RECAP_ADMIN_TOKEN>.'));
    },
    handler: async (request, reply) => {
      if (request.method !== 'POST') {
        return reply.code(405).header('allow', 'POST').type('application/json').send(rpcError(-32000, 'Method not allowed: this MCP endpoint is stateless; POST each request.'));
      }
      // The SDK's transport writes the response itself.
      reply.hijack();
      try {
        await handleMcpHttpRequest(mcp, request.raw, reply.raw, request.body);
      } catch (error) {
        request.log.error({ err: error }, 'MCP request failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' });
        if (!reply.raw.writableEnded) reply.raw.end(JSON.stringify(rpcError(-32603, 'Internal error')));
      }
    },
  });
}

/** Whether the request carries the admin token as a bearer token (compared in constant time). */
function hasAdminBearer(request: FastifyRequest, adminToken: string): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] !== undefined && isAdminToken(match[1], adminToken);
}

function rpcError(code: number, message: string): { jsonrpc: '2.0'; error: { code: number; message: string }; id: null } {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}
