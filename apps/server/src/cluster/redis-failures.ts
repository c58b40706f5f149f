/**
 * The login brake's failure counts in Redis, so its limits hold across several servers: one
 * sorted set per key (score and member: the failure's time), trimmed to the window and expiring
 * with it. While Redis does not answer, this server counts in its own memory (the brake still
 * holds per server, never fails open).
 */
import { type FailureCounts, FailureWindow, type FailureWindows } from '../auth/login-limiter.ts';
import type { RedisLink } from './redis-link.ts';

const PREFIX = 'phuluc:login:';

/** Windows counted in Redis, each falling back to memory while Redis is unreachable. */
export function redisFailureWindows(redis: RedisLink): FailureWindows {
  return (name, windowMs) => redisFailureCounts(redis, `${PREFIX}${name}:`, windowMs);
}

function redisFailureCounts(redis: RedisLink, prefix: string, windowMs: number): FailureCounts {
  const local = new FailureWindow(windowMs);
  let seq = 0;
  return {
    async recent(key, now) {
      try {
        const members = await redis.client.zRangeByScore(prefix + key, now - windowMs + 1, '+inf');
        return members.map((m) => Number(m.split(':')[0])).sort((a, b) => a - b);
      } catch {
        return local.recent(key, now);
      }
    },
    async fail(key, now) {
      await local.fail(key, now);
      try {
        // Two failures in the same millisecond are two members.
        seq = (seq + 1) % 1_000_000;
        await redis.client
          .multi()
          .zAdd(prefix + key, { score: now, value: `${now}:${process.pid}:${seq}` })
          .zRemRangeByScore(prefix + key, '-inf', now - windowMs)
          .pExpire(prefix + key, windowMs)
          .exec();
      } catch {
        // Counted in memory above.
      }
    },
    async clear(key) {
      await local.clear(key);
      try {
        await redis.client.del(prefix + key);
      } catch {
        // Expires with its window anyway.
      }
    },
  };
}
