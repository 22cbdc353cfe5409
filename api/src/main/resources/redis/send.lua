-- One send's Redis work in one round trip: the request's nonce, then the frequency limits of each of
-- its phones (same order as before this script existed: identical content, verification rate, daily quota).
-- KEYS[1] the nonce key; KEYS[2] the app's message count of the day;
--   then per phone i: KEYS[1 + 2i] sorted set of this app+phone's verification sends (score = ms),
--   KEYS[2 + 2i] marker of identical content to this phone (value = the owner number of the message holding it)
-- ARGV: nonce_ttl_ms ('0': no nonce to check), now_ms, per_minute, per_hour, per_day, check_rate (1/0),
--   duplicate_ms, quota, quota_ttl_s, quota_retry_ms, then per phone its message id and that id's owner number
-- Returns {'NONCE_USED', 0} if the nonce was used before (nothing counted), else per phone
-- {limit, retry_after_ms}; limit 'OK' means counted and allowed (frequency-release.lua gives it back).
-- Commands per phone on the accepted path: SET NX (marker); per request: SET NX (nonce), INCRBY (quota).
if ARGV[1] ~= '0' and not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return {'NONCE_USED', 0}
end
local now = tonumber(ARGV[2])
local n = (#KEYS - 2) / 2
local quota = tonumber(ARGV[8])
-- take the whole request's quota at once and give back what is not used
local used = redis.call('INCRBY', KEYS[2], n) - n
if used == 0 then
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[9]))
end
local windows = {{60000, tonumber(ARGV[3]), 'PER_MINUTE'}, {3600000, tonumber(ARGV[4]), 'PER_HOUR'},
                 {86400000, tonumber(ARGV[5]), 'PER_DAY'}}

-- the refusal of a verification send by its rate windows, or nil; also prunes sends older than a day
local function rate(key)
  local sends = redis.call('ZRANGEBYSCORE', key, '-inf', '+inf', 'WITHSCORES')
  local scores = {}
  local old = 0
  for j = 2, #sends, 2 do
    local score = tonumber(sends[j])
    if score <= now - 86400000 then
      old = old + 1
    else
      scores[#scores + 1] = score
    end
  end
  if old > 0 then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 86400000)
  end
  for _, w in ipairs(windows) do
    local from = now - w[1] + 1
    local first = #scores + 1
    for j = #scores, 1, -1 do
      if scores[j] >= from then first = j else break end
    end
    local count = #scores - first + 1
    if count >= w[2] then
      -- the window frees a slot when its (count - limit + 1)-th oldest send leaves it
      return {w[3], scores[first + count - w[2]] + w[1] - now}
    end
  end
  return nil
end

local result = {}
local allowed = 0
for i = 1, n do
  local verify, same, member, owner = KEYS[1 + 2 * i], KEYS[2 + 2 * i], ARGV[9 + 2 * i], ARGV[10 + 2 * i]
  local refusal
  if not redis.call('SET', same, owner, 'NX', 'PX', ARGV[7]) then
    refusal = {'IDENTICAL_CONTENT', redis.call('PTTL', same)}
  else
    if ARGV[6] == '1' then
      refusal = rate(verify)
    end
    if not refusal and used + allowed >= quota then
      refusal = {'DAILY_QUOTA', tonumber(ARGV[10])}
    end
    if refusal then
      redis.call('DEL', same)
    else
      allowed = allowed + 1
      if ARGV[6] == '1' then
        redis.call('ZADD', verify, now, member)
        redis.call('PEXPIRE', verify, 86400000)
      end
    end
  end
  result[#result + 1] = refusal and refusal[1] or 'OK'
  result[#result + 1] = refusal and refusal[2] or 0
end
if allowed < n then
  redis.call('DECRBY', KEYS[2], n - allowed)
end
return result
