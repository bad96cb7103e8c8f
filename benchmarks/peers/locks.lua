-- wrk script: POST one lock of N one-unit lines per request, over K SKUs in warehouse W1, each order new.
-- Usage: wrk -t2 -c64 -d10s -s locks.lua http://127.0.0.1:8080 -- LINES uniform|zipf SKUS [ZIPF_S]
-- SKU codes are S0..S<K-1>; zipf draws SKU i with probability proportional to 1/(i+1)^s (s = 1.1 by default,
-- the same skew pgbench's random_zipfian gets in pg-lock.sql).
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local lines, zipf, skus, cdf
local counter = 0
local nonce

function init(args)
  lines = tonumber(args[1] or "1")
  zipf = (args[2] or "uniform") == "zipf"
  skus = tonumber(args[3] or "1000")
  local s = tonumber(args[4] or "1.1")
  -- A new prefix per wrk process: a warm-up and a measured run never repeat an orderId (a repeat is an
  -- idempotent replay, which is cheaper and would flatter the figure).
  nonce = string.format("%d%04d", os.time(), math.random(0, 9999))
  math.randomseed(os.time() * 100 + tid)
  if zipf then
    cdf = {}
    local total = 0
    for i = 1, skus do total = total + 1 / (i ^ s) end
    local acc = 0
    for i = 1, skus do acc = acc + 1 / (i ^ s) / total; cdf[i] = acc end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function draw()
  if not zipf then return math.random(0, skus - 1) end
  local u, lo, hi = math.random(), 1, skus
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo - 1
end

function request()
  counter = counter + 1
  local chosen, parts = {}, {}
  while #parts < lines do
    local sku = draw()
    if not chosen[sku] then
      chosen[sku] = true
      parts[#parts + 1] = '{"sku":"S' .. sku .. '","warehouse":"W1","quantity":1}'
    end
  end
  local body = '{"orderId":"o' .. nonce .. '-' .. tid .. '-' .. counter .. '","lines":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format(nil, "/v1/reservations", nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("non-2xx-or-socket-errors: %d\n", e.status + e.connect + e.read + e.write + e.timeout))
end
