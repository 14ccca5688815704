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

// registerScript starts a build: the temporary set KEYS[2] (holding the sentinel, TTL
// ARGV[1] ms) is listed in the board's building set KEYS[1], so credits observed while the
// build reads the database go into it as well as into the board.
var registerScript = redis.NewScript(`
redis.call('ZADD', KEYS[2], -1, '` + sentinel + `')
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[1], KEYS[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`)

// publishScript makes a built set KEYS[3] the board KEYS[1] and unlists it from the
// building set KEYS[2]. It returns 1 published, 2 when the board appeared meanwhile (the
// build is dropped), 0 when the build was dropped (its set expired, or was deleted because
// it missed an update: a later chunk recreates it without the sentinel registration put). ARGV[1] is the board's TTL in ms. Large sets are freed with UNLINK, off
// Redis's main thread.
var publishScript = redis.NewScript(`
redis.call('SREM', KEYS[2], KEYS[3])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('UNLINK', KEYS[3]) return 2 end
if not redis.call('ZSCORE', KEYS[3], '` + sentinel + `') then redis.call('UNLINK', KEYS[3]) return 0 end
redis.call('RENAME', KEYS[3], KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`)

// updateScript records one player's new totals in the boards that exist and in the sets
// being built for them. Scores are absolute (read from the database after commit) and
// only ever raised (GT), so a late or repeated update cannot lower or double a score, and
// a build's older snapshot cannot undo it. KEYS are pairs (board, its building set);
// ARGV[1] member, ARGV[2..] one score per pair.
var updateScript = redis.NewScript(`
for i = 1, #KEYS, 2 do
  local score = ARGV[(i + 1) / 2 + 1]
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('ZADD', KEYS[i], 'GT', score, ARGV[1])
  end
  for _, tmp in ipairs(redis.call('SMEMBERS', KEYS[i + 1])) do
    if redis.call('EXISTS', tmp) == 1 then redis.call('ZADD', tmp, 'GT', score, ARGV[1]) end
  end
end
return 1
`)

// dropScript deletes a board that missed an update, with the sets being built for it
// (they may have missed it too). KEYS[1] board, KEYS[2] its building set.
var dropScript = redis.NewScript(`
for _, tmp in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('UNLINK', tmp) end
redis.call('UNLINK', KEYS[1], KEYS[2])
return 1
`)

// aheadScript creates the boards of coming windows that do not exist yet, each empty (the
// sentinel alone) with its TTL, and returns those it created. KEYS boards; ARGV one TTL in
// ms per board.
var aheadScript = redis.NewScript(`
local created = {}
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    redis.call('ZADD', KEYS[i], -1, '` + sentinel + `')
    redis.call('PEXPIRE', KEYS[i], ARGV[i])
    table.insert(created, KEYS[i])
  end
end
return created
`)
