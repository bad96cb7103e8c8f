-- The Redis peer of a stockhold lock: all lines or none. KEYS are the SKU hashes (field "avail"), ARGV[1] the
-- units per line. Writes a reservation record as stockhold does; returns its id, or 0 when a line does not fit.
local q = tonumber(ARGV[1])
for _, k in ipairs(KEYS) do
  if tonumber(redis.call('HGET', k, 'avail') or '0') < q then return 0 end
end
for _, k in ipairs(KEYS) do redis.call('HINCRBY', k, 'avail', -q) end
local id = redis.call('INCR', 'resv:seq')
redis.call('HSET', 'resv:' .. id, 'skus', table.concat(KEYS, ','), 'units', q)
return id
