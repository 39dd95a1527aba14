#!/usr/bin/env node
// Docker HEALTHCHECK: exits 0 when this container's recap answers /healthz. The port is read from
// the variable named by the argument (WEB_PORT for the bot, WORKER_PORT for a worker).
const variable = process.argv[2] ?? 'WEB_PORT';
const port = process.env[variable] || (variable === 'WEB_PORT' ? '3030' : '');
if (!port) {
  process.stderr.write(`${variable} is not set: nothing to check\n`);
  process.exit(1);
}
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`no answer on ${variable}=${port}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
