-- Token bucket for one limit, atomic in one round trip (Redis runs a script alone, so no read-then-write race).
-- KEYS[1]  the bucket (a hash: t = tokens left, ts = last update in ms)
-- ARGV[1]  capacity (the limit per window)     ARGV[2] window in ms (60000 for rpm/tpm)
-- ARGV[3]  cost (1 for a request, tokens for tpm; negative = refund)
-- ARGV[4]  max wait in ms the caller accepts (a reservation: tokens go below zero, the caller waits)
-- ARGV[5]  1 = force (a correction after the call: always applied, never refused)
-- Returns {allowed 0|1, tokens left (floor, may be negative), wait ms before the call may go, ms until full}.
local cap = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local max_wait = tonumber(ARGV[4])
local force = ARGV[5] == '1'
-- Redis's clock, not the replicas': their clocks may disagree.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = cap / window
local b = redis.call('HMGET', KEYS[1], 't', 'ts')
local tokens = tonumber(b[1])
local ts = tonumber(b[2])
if tokens == nil or ts == nil then
  tokens = cap
  ts = now
end
if now > ts then
  tokens = math.min(cap, tokens + (now - ts) * rate)
end
local allowed = 0
local wait = 0
if force then
  tokens = math.min(cap, tokens - cost)
  allowed = 1
elseif cost <= tokens then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((cost - tokens) / rate)
  if wait <= max_wait then
    tokens = tokens - cost
    allowed = 1
  end
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(now))
-- An idle bucket is full again after one window: it can go.
redis.call('PEXPIRE', KEYS[1], window + math.ceil(math.max(0, -tokens) / rate) + 1000)
return {allowed, math.floor(tokens), wait, math.ceil((cap - tokens) / rate)}
