-- Gives back what send.lua counted for messages that were not queued after all.
-- KEYS[1] the app's message count of the day; then per message i: KEYS[2i] its verification sorted
-- set, KEYS[2i + 1] its identical-content marker; ARGV[2i - 1] the member (message id) that took the slot,
-- ARGV[2i] the owner number its marker holds.
-- The content marker and the verification entry are removed only if they are this message's, so a
-- release never frees a slot another message took after ours expired; the quota never drops below 0.
local n = (#KEYS - 1) / 2
for i = 1, n do
  if redis.call('GET', KEYS[2 * i + 1]) == ARGV[2 * i] then
    redis.call('DEL', KEYS[2 * i + 1])
  end
  redis.call('ZREM', KEYS[2 * i], ARGV[2 * i - 1])
end
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
redis.call('DECRBY', KEYS[1], math.min(used, n))
return 'OK'
