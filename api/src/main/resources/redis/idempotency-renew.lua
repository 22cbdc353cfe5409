-- Extends a pending Idempotency-Key only while it is still this request's (KEYS[1] the key,
-- ARGV[1] the pending entry as written, ARGV[2] the lease in ms); 1 if renewed, 0 otherwise.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
