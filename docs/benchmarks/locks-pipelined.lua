-- wrk script: like locks.lua, but DEPTH (default 16) one-line locks per write: HTTP/1.1 pipelining on
-- keep-alive connections, each request with its own orderId, answered in order.
-- Usage: DEPTH=16 wrk -t2 -c64 -d10s -s docs/benchmarks/locks-pipelined.lua http://127.0.0.1:8080
local counter = 0
local threads = {}
local depth = tonumber(os.getenv("DEPTH") or "16")

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local parts = {}
  for i = 1, depth do
    counter = counter + 1
    local body = '{"orderId":"P' .. tid .. '-' .. counter .. '","lines":[{"sku":"BENCH","warehouse":"W1","quantity":1}]}'
    parts[i] = wrk.format(nil, "/v1/reservations", nil, body)
  end
  return table.concat(parts)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("non-2xx-or-socket-errors: %d\n", errors))
end
