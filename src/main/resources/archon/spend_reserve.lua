-- Admits one request against every budget it falls under, atomically (Redis runs a script alone): it goes only if
-- no budget is spent yet (spent + held < limit), and then holds its worst-case estimate on each of them.
-- KEYS[i]  the budget's counters for the current period (a hash: spent = settled US dollars, held = reservations)
-- ARGV[1]  the estimate in US dollars   ARGV[1+i] limit i   ARGV[1+n+i] expiry of key i in seconds (0 = none)
-- Returns {allowed 0|1, index of the budget that refused (1-based, 0 if none), then per key: spent, held} with the
-- numbers as strings (Redis turns Lua numbers into integers).
local n = #KEYS
local estimate = tonumber(ARGV[1])
local spent, held = {}, {}
local refused = 0
for i = 1, n do
  local v = redis.call('HMGET', KEYS[i], 'spent', 'held')
  spent[i] = tonumber(v[1]) or 0
  held[i] = tonumber(v[2]) or 0
  if refused == 0 and spent[i] + held[i] >= tonumber(ARGV[1 + i]) then refused = i end
end
local out = {refused == 0 and 1 or 0, refused}
for i = 1, n do
  if refused == 0 then
    held[i] = tonumber(redis.call('HINCRBYFLOAT', KEYS[i], 'held', estimate))
    local ttl = tonumber(ARGV[1 + n + i])
    if ttl > 0 then redis.call('EXPIRE', KEYS[i], ttl) end
  end
  out[#out + 1] = tostring(spent[i])
  out[#out + 1] = tostring(held[i])
end
return out
