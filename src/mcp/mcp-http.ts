import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { buildMcpServer, type McpDeps } from './mcp-server.js';

/**
 * Answers one request of MCP's streamable HTTP transport, statelessly: a server and a transport
 * of its own, closed when the response is. `body` is the JSON body the web server already parsed.
 * Whoever calls this has checked the caller's credentials.
 */
export async function handleMcpHttpRequest(deps: McpDeps, request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
  const server = buildMcpServer(deps);
  // Stateless: no session ids; plain JSON responses (no tool here streams).
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  transport.onerror = (error) => deps.logger.warn({ err: error }, 'MCP HTTP transport error');
  response.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response, body);
}
