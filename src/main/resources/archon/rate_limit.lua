-- Token buckets for one check, atomic in one round trip (Redis runs a script alone, so no read-then-write race):
-- a call passes only if every bucket (e.g. rpm and tpm of one provider) lets it, and then takes from all of them.
-- KEYS[i]  bucket i (a hash: t = tokens left, ts = last update in ms)
-- ARGV[1]  window in ms (60000 for rpm/tpm)   ARGV[2] max wait in ms the caller accepts   ARGV[3] 1 = force
-- ARGV[2+2i], ARGV[3+2i]  capacity (the limit per window) and cost of bucket i (negative = refund)
-- A reservation lets tokens go below zero and tells the caller how long to wait; force (a correction after the
-- call) is always applied. Returns {allowed 0|1, wait ms, then per bucket: tokens left (floor), ms until full}.
local window = tonumber(ARGV[1])
local max_wait = tonumber(ARGV[2])
local force = ARGV[3] == '1'
-- Redis's clock, not the replicas': their clocks may disagree.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local caps, costs, tokens = {}, {}, {}
local wait = 0
for i = 1, #KEYS do
  local cap = tonumber(ARGV[2 + 2 * i])
  local cost = tonumber(ARGV[3 + 2 * i])
  local b = redis.call('HMGET', KEYS[i], 't', 'ts')
  local left = tonumber(b[1])
  local ts = tonumber(b[2])
  if left == nil or ts == nil then
    left = cap
    ts = now
  end
  if now > ts then left = math.min(cap, left + (now - ts) * cap / window) end
  if not force and cost > left then wait = math.max(wait, math.ceil((cost - left) * window / cap)) end
  caps[i], costs[i], tokens[i] = cap, cost, left
end
local allowed = force or wait <= max_wait
local out = {allowed and 1 or 0, wait}
for i = 1, #KEYS do
  if allowed then tokens[i] = math.min(caps[i], tokens[i] - costs[i]) end
  redis.call('HSET', KEYS[i], 't', tostring(tokens[i]), 'ts', tostring(now))
  -- An idle bucket is full again after one window (plus what reservations borrowed): then it can go.
  redis.call('PEXPIRE', KEYS[i], window + math.ceil(math.max(0, -tokens[i]) * window / caps[i]) + 1000)
  out[#out + 1] = math.floor(tokens[i])
  out[#out + 1] = math.ceil((caps[i] - tokens[i]) * window / caps[i])
end
return out
