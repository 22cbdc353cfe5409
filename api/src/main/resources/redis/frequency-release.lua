-- Gives back what frequency.lua counted for one message that was not queued after all.
-- KEYS as in frequency.lua; ARGV[1] the member (message id) that took the slot.
-- The content marker and the verification entry are removed only if they are this message's, so a
-- release never frees a slot another message took after ours expired; the quota never drops below 0.
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[2])
end
redis.call('ZREM', KEYS[1], ARGV[1])
local used = tonumber(redis.call('GET', KEYS[3]) or '0')
if used > 0 then
  redis.call('DECR', KEYS[3])
end
return 'OK'
