-- wrk script: POST a one-line lock with a unique orderId per request (keep-alive).
-- Usage: wrk -t2 -c64 -d10s -s docs/benchmarks/locks.lua http://127.0.0.1:8080
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tid
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = '{"orderId":"W' .. thread_id .. '-' .. counter .. '","lines":[{"sku":"BENCH","warehouse":"W1","quantity":1}]}'
  return wrk.format(nil, "/v1/reservations", nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("non-2xx-or-socket-errors: %d\n", errors))
end
