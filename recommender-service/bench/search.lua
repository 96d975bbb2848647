-- wrk script: GET /api/v1/movies/search with the queries of BENCH_QUERIES (one per line: words, prefixes,
-- misspellings, stop words), paced per connection by BENCH_DELAY_MS (0 = as fast as possible).
-- Prints one RESULT line at the end, like recommendations.lua.
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

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "pacing-and-result.lua")
