-- wrk script: GET recommendations for user ids spread over 1..BENCH_USERS (or a hot set 1..BENCH_HOT),
-- paced per connection by BENCH_DELAY_MS (0 = as fast as possible). Prints one RESULT line at the end.
local users = tonumber(os.getenv("BENCH_USERS") or "100000")
local hot = tonumber(os.getenv("BENCH_HOT") or "0")
local k = os.getenv("BENCH_K") or "10"
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 7919 + os.time())
end

function request()
  local span = hot > 0 and hot or users
  local user = math.random(1, span)
  return wrk.format("GET", "/api/v1/users/" .. user .. "/recommendations?k=" .. k)
end

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "pacing-and-result.lua")
