-- Settles one request: releases the estimate it held and adds what it really cost, in one atomic step.
-- KEYS[1..h]    the hashes the request held its estimate on (the periods current at its admission)
-- KEYS[h+1..]   the hashes that record its spend (every period of every account, current now)
-- ARGV[1] h   ARGV[2] the estimate held   ARGV[3] the real cost   ARGV[4] the model's field (m:<model>)
-- ARGV[4+j]     expiry of record key j in seconds (0 = none)
local h = tonumber(ARGV[1])
local estimate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
for i = 1, h do
  local left = tonumber(redis.call('HINCRBYFLOAT', KEYS[i], 'held', -estimate))
  -- Rounding of many float additions can leave a hair's breadth: never keep a negative hold.
  if left < 1e-12 then redis.call('HSET', KEYS[i], 'held', '0') end
end
for j = h + 1, #KEYS do
  redis.call('HINCRBYFLOAT', KEYS[j], 'spent', cost)
  redis.call('HINCRBYFLOAT', KEYS[j], ARGV[4], cost)
  local ttl = tonumber(ARGV[4 + j - h])
  if ttl > 0 then redis.call('EXPIRE', KEYS[j], ttl) end
end
return 1
