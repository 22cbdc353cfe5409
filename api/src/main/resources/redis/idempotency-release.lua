-- Frees a pending Idempotency-Key after the request failed, only if it is still this request's
-- (KEYS[1] the key, ARGV[1] the pending entry as written): a request whose lease lapsed must not
-- free the key of the request that took it over.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
