import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', explicit: false, localPort: null, cluster: false });
    expect(config).toMatchObject({ keyPrefix: 'recap', notesDir: 'notes', watchNotes: true, maxNoteBytes: 1_048_576 });
  });

  it('takes REDIS_URL (database number included) as explicit', () => {
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:6380/3' }).redis).toEqual({ url: 'redis://10.0.0.5:6380/3', explicit: true, localPort: null, cluster: false });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ REDIS_URL: '', RECAP_KEY_PREFIX: '' }).keyPrefix).toBe('recap');
  });

  it.each([
    [{ REDIS_URL: 'http://localhost' }, /REDIS_URL/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL/],
    [{ MAX_NOTE_BYTES: 'lots' }, /MAX_NOTE_BYTES/],
    [{ WORKER_CONCURRENCY: '0' }, /WORKER_CONCURRENCY/],
    [{ RECAP_WATCH: 'maybe' }, /RECAP_WATCH/],
    [{ RECAP_KEY_PREFIX: 'has space' }, /RECAP_KEY_PREFIX/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('names the variable when a value is bad: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes REDIS_CLUSTER_NODES as a Redis Cluster and puts the key prefix in a hash tag', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b.internal:7001', RECAP_KEY_PREFIX: 'meetups' });
    expect(config.redis).toEqual({ url: 'redis+cluster://10.0.0.1:7000,redis-b.internal:7001', explicit: true, localPort: null, cluster: true });
    expect(config.keyPrefix).toBe('{meetups}');
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000' }).keyPrefix).toBe('{recap}');
  });

  it.each(['10.0.0.1', '10.0.0.1:7000,10.0.0.2', 'redis://10.0.0.1:7000', '10.0.0.1:99999', ' , '])('names REDIS_CLUSTER_NODES when it is not host:port pairs: %s', (nodes) => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: nodes })).toThrow(/REDIS_CLUSTER_NODES/);
  });

  it('refuses REDIS_CLUSTER_NODES together with REDIS_URL or a local Redis', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_URL: 'redis://10.0.0.5:6379' })).toThrow(/REDIS_CLUSTER_NODES is set together with REDIS_URL/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', RECAP_LOCAL_REDIS: 'true' })).toThrow(/REDIS_CLUSTER_NODES/);
  });

  it('parses booleans and numbers', () => {
    expect(loadConfig({ RECAP_WATCH: 'false', WORKER_CONCURRENCY: '8' })).toMatchObject({ watchNotes: false, workerConcurrency: 8 });
  });
});
