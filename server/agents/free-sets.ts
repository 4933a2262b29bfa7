// Who is free, in the order they became free: a sorted set per branch (free:<branchId>) and
// one for every branch (free:all), of the pooled agents (role agent, with a branch) whose
// presence is `available`, scored by the time they became so. The general pool takes the
// head of one of them instead of reading every agent's presence (600 hashes per caller).
// Every script that changes presence keeps them in step, in the same atomic step, through
// the Lua functions below; the presence hash holds the agent's branch for that.

type KeyFn = (...parts: (string | number)[]) => string

/** Key of a branch's set, or of every branch's. */
export const freeKey = (key: KeyFn, branch: number | 'all') => key('free', branch)
/** What the scripts put the branch (or 'all') after. */
export const freePrefix = (key: KeyFn) => key('free', '')

/**
 * Lua prelude for the presence scripts. Needs `FREE`, the prefix of the free-set keys
 * (freePrefix(key), an ARGV), defined before it.
 *   free(hash, id, since): the agent of presence hash `hash` is available since `since`;
 *   unfree(hash, id): they are not.
 */
export const FREE_SETS_LUA = `
local function free(hash, id, since)
  local b = redis.call('HGET', hash, 'branch')
  if b and b ~= '' then
    redis.call('ZADD', FREE .. b, since, id)
    redis.call('ZADD', FREE .. 'all', since, id)
  end
end
local function unfree(hash, id)
  local b = redis.call('HGET', hash, 'branch')
  if b and b ~= '' then redis.call('ZREM', FREE .. b, id) end
  redis.call('ZREM', FREE .. 'all', id)
end
`
