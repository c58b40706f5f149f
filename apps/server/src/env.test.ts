/** Configuration from the environment: defaults, overrides, and refusing bad values. */
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './env.ts';

describe('configFromEnv', () => {
  it('defaults to 127.0.0.1:8787, ./data and 12-hour sessions', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8787, sessionTtlMs: 12 * 60 * 60 * 1000, trustProxy: false, demo: false });
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads PHULUC_* variables and lets the command line override them', () => {
    const config = configFromEnv({ PHULUC_PORT: '9000', PHULUC_SESSION_HOURS: '2', PHULUC_TRUST_PROXY: '1' }, { host: '0.0.0.0' });
    expect(config).toMatchObject({ port: 9000, host: '0.0.0.0', sessionTtlMs: 2 * 60 * 60 * 1000, trustProxy: true });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => configFromEnv({ PHULUC_PORT: 'tám nghìn' })).toThrow(/PHULUC_PORT/);
  });

  it('reads the allowed origins as origins, and refuses one with a path or another scheme', () => {
    expect(configFromEnv({}).allowedOrigins).toEqual([]);
    expect(configFromEnv({ PHULUC_ALLOWED_ORIGINS: 'http://localhost:5173, https://Phuluc.Example.vn/' }).allowedOrigins).toEqual([
      'http://localhost:5173',
      'https://phuluc.example.vn',
    ]);
    for (const bad of ['http://localhost:5173/app', 'localhost:5173', 'ftp://x.vn', '*', 'null']) {
      expect(() => configFromEnv({ PHULUC_ALLOWED_ORIGINS: bad }), bad).toThrow(/PHULUC_ALLOWED_ORIGINS/);
    }
  });

  it('reads the addresses of several servers, refuses ones that are not, and keeps sessions whole milliseconds', () => {
    const config = configFromEnv({
      PHULUC_DATABASE_URL: 'postgres://phuluc@db:5432/phuluc',
      PHULUC_REDIS_URL: 'redis://cache:6379',
      PHULUC_INTERNAL_URL: 'http://10.0.0.11:8787',
      PHULUC_SESSION_HOURS: '1.1',
    });
    expect([config.databaseUrl, config.redisUrl, config.internalUrl]).toEqual(['postgres://phuluc@db:5432/phuluc', 'redis://cache:6379', 'http://10.0.0.11:8787']);
    expect(Number.isInteger(config.sessionTtlMs)).toBe(true);
    expect(configFromEnv({}).databaseUrl).toBeNull();
    expect(() => configFromEnv({ PHULUC_DATABASE_URL: 'mysql://db/phuluc' })).toThrow(/PHULUC_DATABASE_URL.*postgres:\/\//);
    expect(() => configFromEnv({ PHULUC_REDIS_URL: 'cache:6379' })).toThrow(/PHULUC_REDIS_URL/);
    expect(() => configFromEnv({ PHULUC_INTERNAL_URL: 'http://10.0.0.11:8787/phuluc' })).toThrow(/PHULUC_INTERNAL_URL/);
  });

  it('turns /metrics on only with a token long enough to be one', () => {
    expect(configFromEnv({}).metricsToken).toBeNull();
    expect(configFromEnv({ PHULUC_METRICS_TOKEN: 'k7Pq9xV2mR4tW8yZ' }).metricsToken).toBe('k7Pq9xV2mR4tW8yZ');
    expect(() => configFromEnv({ PHULUC_METRICS_TOKEN: 'ngắn' })).toThrow(/PHULUC_METRICS_TOKEN/);
  });
});
