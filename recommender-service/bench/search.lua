-- wrk script: GET /api/v1/movies/search with the queries of BENCH_QUERIES (one per line: words, prefixes,
-- misspellings, stop words), paced per connection by BENCH_DELAY_MS (0 = as fast as possible).
-- Prints one RESULT line at the end, like recommendations.lua.
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERIES")) do
  table.insert(queries, line)
end
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  math.randomseed(id * 7919 + os.time())
end

local function encode(s)
  return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local q = queries[math.random(1, #queries)]
  return wrk.format("GET", "/api/v1/movies/search?limit=20&q=" .. encode(q))
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.1f failed=%d\n",
      summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, failed))
end
