-- The Redis work of several sends in one round trip (FrequencyLimiter gathers the sends that come while a run is
-- busy): each send's nonce, then the frequency limits of each of its phones (identical content, verification rate,
-- daily quota), the sends in the order given, each decided as if it had run alone.
-- KEYS, per send: its nonce key, its app's message count of the day, then per phone the sorted set of this
--   app+phone's verification sends (score = ms) and the marker of identical content to this phone (value = the owner
--   number of the message holding it)
-- ARGV: now_ms, duplicate_ms, quota_ttl_s, then per send: its phone count, nonce_ttl_ms ('0': no nonce to check),
--   per_minute, per_hour, per_day, check_rate (1/0), quota, quota_retry_ms, then per phone its message id and that
--   id's owner number
-- Returns per phone of every send, in order, {limit, retry_after_ms}: 'NONCE_USED' for every phone of a send whose
-- nonce was used before (nothing counted for it); 'OK' means counted and allowed (frequency-release.lua gives it back).
-- Commands on the accepted path: per send SET NX (nonce); per phone SET NX (marker); per app and run INCRBY (quota).
local now, duplicate_ms, quota_ttl = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])

local sends = {}
local k, a = 1, 4
while a <= #ARGV do
  local n = tonumber(ARGV[a])
  local send = {n = n, quota_key = KEYS[k + 1], first_key = k + 2, first_arg = a + 8, check_rate = ARGV[a + 5] == '1',
                quota = tonumber(ARGV[a + 6]), quota_retry = tonumber(ARGV[a + 7]),
                windows = {{60000, tonumber(ARGV[a + 2]), 'PER_MINUTE'}, {3600000, tonumber(ARGV[a + 3]), 'PER_HOUR'},
                           {86400000, tonumber(ARGV[a + 4]), 'PER_DAY'}}}
  send.fresh = ARGV[a + 1] == '0' or redis.call('SET', KEYS[k], '1', 'NX', 'PX', ARGV[a + 1])
  sends[#sends + 1] = send
  k = k + 2 + 2 * n
  a = a + 8 + 2 * n
end

-- each app's quota taken at once for all its sends of this run; what is not used is given back at the end
local counts, apps = {}, {}
for _, send in ipairs(sends) do
  if send.fresh then
    local count = counts[send.quota_key]
    if not count then
      count = {taken = 0, allowed = 0}
      counts[send.quota_key] = count
      apps[#apps + 1] = send.quota_key
    end
    count.taken = count.taken + send.n
  end
end
for _, key in ipairs(apps) do
  local count = counts[key]
  count.used = redis.call('INCRBY', key, count.taken) - count.taken
  if count.used == 0 then
    redis.call('EXPIRE', key, quota_ttl)
  end
end

-- the refusal of a verification send by its rate windows, or nil; also prunes sends older than a day
local function rate(key, windows)
  local sent = redis.call('ZRANGEBYSCORE', key, '-inf', '+inf', 'WITHSCORES')
  local scores = {}
  local old = 0
  for j = 2, #sent, 2 do
    local score = tonumber(sent[j])
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
for _, send in ipairs(sends) do
  local count = counts[send.quota_key]
  for i = 0, send.n - 1 do
    local refusal
    if not send.fresh then
      refusal = {'NONCE_USED', 0}
    else
      local verify, same = KEYS[send.first_key + 2 * i], KEYS[send.first_key + 2 * i + 1]
      local member, owner = ARGV[send.first_arg + 2 * i], ARGV[send.first_arg + 2 * i + 1]
      if not redis.call('SET', same, owner, 'NX', 'PX', duplicate_ms) then
        refusal = {'IDENTICAL_CONTENT', redis.call('PTTL', same)}
      else
        if send.check_rate then
          refusal = rate(verify, send.windows)
        end
        if not refusal and count.used + count.allowed >= send.quota then
          refusal = {'DAILY_QUOTA', send.quota_retry}
        end
        if refusal then
          redis.call('DEL', same)
        else
          count.allowed = count.allowed + 1
          if send.check_rate then
            redis.call('ZADD', verify, now, member)
            redis.call('PEXPIRE', verify, 86400000)
          end
        end
      end
    end
    result[#result + 1] = refusal and refusal[1] or 'OK'
    result[#result + 1] = refusal and refusal[2] or 0
  end
end
for _, key in ipairs(apps) do
  local count = counts[key]
  if count.allowed < count.taken then
    redis.call('DECRBY', key, count.taken - count.allowed)
  end
end
return result
