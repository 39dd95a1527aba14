import { spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeError } from '../../src/logger.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A real "connection refused": a port that was just listened on and closed again. */
async function refusedConnectionError(): Promise<Error> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return new Promise((resolve) => connect(port, '127.0.0.1').on('error', resolve));
}

describe('log lines of errors', () => {
  it('logs a refused connection as one line with its code and address, without a stack', async () => {
    const error = await refusedConnectionError();
    const serialized = serializeError(error);
    expect(serialized).toEqual({ type: 'Error', code: 'ECONNREFUSED', address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown, message: error.message });
  });

  it('summarizes the inner errors of an AggregateError (::1, then 127.0.0.1) in one line', async () => {
    const inner = [await refusedConnectionError(), await refusedConnectionError()];
    const serialized = serializeError(new AggregateError(inner, ''));
    expect(serialized).toMatchObject({ type: 'AggregateError', code: 'ECONNREFUSED', address: expect.stringMatching(/^127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+$/) as unknown });
    expect(JSON.stringify(serialized)).not.toMatch(/\\n|stack/);
    expect((serialized as { message: string }).message).toMatch(/ECONNREFUSED.*; .*ECONNREFUSED/);
    const mixed = serializeError(new AggregateError([inner[0], new TypeError('bad\nthing')], 'several'));
    expect(mixed).toMatchObject({ type: 'AggregateError', message: 'several', errors: [expect.stringContaining('ECONNREFUSED'), 'bad\nthing'] });
    expect(mixed).not.toHaveProperty('aggregateErrors');
  });

  it('is what the JSON logger writes for err', () => {
    const script = [
      "import { createConnection } from 'node:net';",
      "import { createLogger } from './src/logger.ts';",
      "const logger = createLogger('info', { pretty: false });",
      "createConnection(1, '127.0.0.1').on('error', (err) => logger.warn({ err }, 'redis connection error'));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: 'redis connection error', err: { code: 'ECONNREFUSED', address: '127.0.0.1:1' } });
    expect(lines[0]).not.toContain('stack');
  });
});
