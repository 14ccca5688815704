package redisboard

import "github.com/redis/go-redis/v9"

// readScript returns false for a missing set, else {top with scores, caller score, number
// of enabled members scoring strictly more than the caller (-1 when the caller has none)}.
// KEYS[1] board; ARGV[1] how many to read, ARGV[2] caller, ARGV[3..] disabled members.
var readScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local top = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local score = redis.call('ZSCORE', KEYS[1], ARGV[2])
local above = -1
if score and tonumber(score) > 0 then
  above = redis.call('ZCOUNT', KEYS[1], '(' .. score, '+inf')
  for i = 3, #ARGV do
    local s = redis.call('ZSCORE', KEYS[1], ARGV[i])
    if s and tonumber(s) > tonumber(score) then above = above - 1 end
  end
end
return {top, score or '0', above}
`)

// publishScript makes a built set (KEYS[3], with every player) the board KEYS[1], unless a
// credit was observed since its database read began (the epoch KEYS[2] moved from ARGV[1]:
// the snapshot may miss it) or the board appeared meanwhile. The sentinel marks it built;
// ARGV[2] is its TTL in ms. Returns 1 published, 2 already there, 0 epoch moved.
var publishScript = redis.NewScript(`
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then redis.call('DEL', KEYS[3]) return 0 end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DEL', KEYS[3]) return 2 end
redis.call('ZADD', KEYS[3], -1, '` + sentinel + `')
redis.call('RENAME', KEYS[3], KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`)

// updateScript records one player's new totals in the sets that exist. Scores are absolute
// (read from the database after commit) and only ever raised (GT), so a late or repeated
// update cannot lower or double a score. The epoch moves first so a build racing with this
// credit is dropped. KEYS[1] epoch, KEYS[2..] boards; ARGV[1] member, ARGV[2..] scores.
var updateScript = redis.NewScript(`
redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('ZADD', KEYS[i], 'GT', ARGV[i], ARGV[1])
  end
end
return 1
`)
