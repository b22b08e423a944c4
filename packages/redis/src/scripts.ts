import { createHash } from 'node:crypto';

/** A Lua script with its SHA-1, for `EVALSHA` (the script cache key). */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

/** What a completed delivery's key holds; a pending claim holds its owner's random UUID instead. */
export const COMPLETED = 'completed';

/** The store's three operations; each touches one key. */
export type StoreOp = 'claim' | 'complete' | 'release';

/**
 * Runs a script by its SHA-1 (one round trip), sending the script itself when Redis answers
 * NOSCRIPT (its script cache is empty after a restart or `SCRIPT FLUSH`).
 */
export async function retryNoScript(
  evalSha: () => Promise<unknown>,
  evalScript: () => Promise<unknown>,
): Promise<unknown> {
  try {
    return await evalSha();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return evalScript();
    throw error;
  }
}

function lua(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * The operations as Lua functions, run by {@link BATCH}.
 *
 * claim(key, token, leaseMs): set the key to the caller's token with the lease as TTL unless
 * it exists, and return what it held (false when we claimed it). Checking and setting in one
 * script lets one round trip tell "claimed" from "completed" from "in-flight", which `SET NX`
 * alone cannot.
 *
 * complete(key, token, marker, retainMs): compare-and-set. Only the token that owns the claim
 * may turn it into the completed marker (with the retention as TTL); a stale owner whose
 * lease expired and was re-claimed by another instance changes nothing.
 *
 * release(key, token): compare-and-delete, for the same reason.
 */
const OPERATIONS = `local function claim(key, token, lease)
  local current = redis.call('GET', key)
  if current then return current end
  redis.call('SET', key, token, 'PX', lease)
  return false
end
local function complete(key, token, marker, retain)
  if redis.call('GET', key) == token then
    redis.call('SET', key, marker, 'PX', retain)
    return 1
  end
  return 0
end
local function release(key, token)
  if redis.call('GET', key) == token then return redis.call('DEL', key) end
  return 0
end
`;

/**
 * The store's one script: one or several operations in one call, run in order. `KEYS[i]` is
 * the i-th operation's key; `ARGV` holds, for each, its name and then its arguments. Replies
 * come back in the same order, one per operation. Each operation runs under `pcall`: one that
 * fails (a key of the wrong type) answers its own error and the others still run, as they
 * would have as separate commands (a script's effects are not rolled back when it stops
 * half-way).
 */
export const BATCH = lua(`${OPERATIONS}local replies = {}
local at = 1
for index, key in ipairs(KEYS) do
  local op = ARGV[at]
  local ok, reply
  if op == 'claim' then
    ok, reply = pcall(claim, key, ARGV[at + 1], ARGV[at + 2])
    at = at + 3
  elseif op == 'complete' then
    ok, reply = pcall(complete, key, ARGV[at + 1], ARGV[at + 2], ARGV[at + 3])
    at = at + 4
  elseif op == 'release' then
    ok, reply = pcall(release, key, ARGV[at + 1])
    at = at + 2
  else
    return redis.error_reply('hookgate batch: unknown operation ' .. tostring(op))
  end
  if ok then
    replies[index] = reply
  else
    -- Redis 7 raises a string, some versions a table with the message in err.
    replies[index] = redis.error_reply(type(reply) == 'table' and tostring(reply.err) or tostring(reply))
  end
end
return replies`);
