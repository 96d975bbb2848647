-- wrk script: POST /api/v1/feedback bodies for the lists seeded by bench.sh.
-- List i (1..LISTS) was served to user (i % USERS) + 1 with movies ((i * 7 + j) % 5000) + 1, j = 0..9.
local lists = tonumber(os.getenv("LISTS") or "20000")
local users = tonumber(os.getenv("USERS") or "5000")
local statuses = {}
local counter = 0

local function body()
  local i = math.random(1, lists)
  local j = math.random(0, 9)
  local movie = ((i * 7 + j) % 5000) + 1
  local user = (i % users) + 1
  local roll = math.random()
  if roll < 0.6 then
    return string.format('{"requestId":"bench-%d","userId":%d,"movieId":%d,"event":"rated","rating":%.1f}',
      i, user, movie, math.random(1, 10) / 2)
  elseif roll < 0.85 then
    return string.format('{"requestId":"bench-%d","userId":%d,"movieId":%d,"event":"clicked"}', i, user, movie)
  end
  return string.format('{"requestId":"bench-%d","userId":%d,"movieId":%d,"event":"ignored"}', i, user, movie)
end

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  statuses = {}
end

function request()
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body())
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("RESULT feedback/s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
