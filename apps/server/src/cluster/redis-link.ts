/**
 * The connection to Redis, for what moves between several servers and may be lost (the login
 * brake's counts). Redis holds nothing that is not elsewhere or that matters after a restart:
 * losing it loses no edit. A server starts without it and keeps trying to reconnect; meanwhile
 * commands fail at once (no offline queue) and their callers fall back to this process's memory.
 */
import { createClient } from 'redis';

export interface RedisLink {
  client: ReturnType<typeof createClient>;
  /** Whether Redis answers now (`/healthz`). */
  ready: () => boolean;
  close: () => Promise<void>;
}

/** Connects (in the background) to the Redis at `url` (redis://host:port). */
export function redisConnect(url: string): RedisLink {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
  });
  let warned = false;
  client.on('error', (error: unknown) => {
    if (warned) return;
    warned = true;
    console.error(`phuluc: Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')} unreachable (${error instanceof Error ? error.message : String(error)}); retrying`);
  });
  client.on('ready', () => {
    warned = false;
  });
  client.connect().catch(() => {});
  return {
    client,
    ready: () => client.isReady,
    async close() {
      client.destroy();
    },
  };
}
