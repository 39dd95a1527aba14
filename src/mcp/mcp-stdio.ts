import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { buildMcpServer, type McpDeps } from './mcp-server.js';

/**
 * Serves MCP on this process's stdin and stdout until the client closes stdin (or `stop` is
 * called). Only protocol messages go to stdout: recap's logs are on stderr.
 */
export async function serveMcpStdio(deps: McpDeps): Promise<{ closed: Promise<void>; stop(): Promise<void> }> {
  const server = buildMcpServer(deps);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    // The SDK's stdio transport does not notice the end of its input: a client that has gone is noticed here.
    process.stdin.once('end', () => resolve());
    process.stdin.once('close', () => resolve());
  });
  transport.onerror = (error) => deps.logger.warn({ err: error }, 'MCP stdio transport error');
  await server.connect(transport);
  return { closed, stop: () => server.close() };
}
