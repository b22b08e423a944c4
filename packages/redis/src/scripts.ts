import { createHash } from 'node:crypto';

/** A Lua script with its SHA-1, for `EVALSHA` (the script cache key). */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

/** What a completed delivery's key holds; a pending claim holds its owner's random UUID instead. */
export const COMPLETED = 'completed';

function lua(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * Claim: set the key to the caller's token with the lease as TTL unless it exists, and
 * return what it held (nil when we claimed it). Checking and setting in one script lets one
 * round trip tell "claimed" from "completed" from "in-flight", which `SET NX` alone cannot.
 */
export const CLAIM = lua(`local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`);

/**
 * Complete: compare-and-set. Only the token that owns the claim may turn it into the
 * completed marker (with the retention as TTL); a stale owner whose lease expired and was
 * re-claimed by another instance changes nothing.
 */
export const COMPLETE = lua(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`);

/** Release: compare-and-delete, for the same reason as {@link COMPLETE}. */
export const RELEASE = lua(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`);
