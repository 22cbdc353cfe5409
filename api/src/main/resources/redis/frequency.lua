-- Atomic frequency control for one message to one phone.
-- KEYS[1] sorted set of this app+phone's verification sends (score = ms)
-- KEYS[2] marker of identical content to this phone (value = member, so a release removes only its own)
-- KEYS[3] the app's message count of the day
-- ARGV: now_ms, member, per_minute, per_hour, per_day, check_rate (1/0), duplicate_ms, quota, quota_ttl_s, quota_retry_ms
-- Returns {limit, retry_after_ms}; limit 'OK' means counted and allowed.
local now = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {'IDENTICAL_CONTENT', redis.call('PTTL', KEYS[2])}
end
if ARGV[6] == '1' then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 86400000)
  local windows = {{60000, tonumber(ARGV[3]), 'PER_MINUTE'}, {3600000, tonumber(ARGV[4]), 'PER_HOUR'},
                   {86400000, tonumber(ARGV[5]), 'PER_DAY'}}
  for _, w in ipairs(windows) do
    local from = now - w[1] + 1
    local count = redis.call('ZCOUNT', KEYS[1], from, '+inf')
    if count >= w[2] then
      -- the window frees a slot when its (count - limit + 1)-th oldest send leaves it
      local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', count - w[2], 1)
      return {w[3], tonumber(oldest[2]) + w[1] - now}
    end
  end
end
local used = tonumber(redis.call('GET', KEYS[3]) or '0')
if used >= tonumber(ARGV[8]) then
  return {'DAILY_QUOTA', tonumber(ARGV[10])}
end
redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[9]))
if ARGV[6] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], 86400000)
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', tonumber(ARGV[7]))
return {'OK', 0}
