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
});
