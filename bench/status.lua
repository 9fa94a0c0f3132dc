-- wrk script for bench/load.sh.
-- 1. Optional rotation: `wrk ... --script bench/status.lua http://host -- paths.txt` requests the
--    paths in that file (one a line, e.g. 50 different searches or 500 different documents) instead
--    of one URL, so a cache does not see the same page 60 seconds long. With the number of threads
--    as a second argument, each thread walks its own share of the list (no path is asked twice
--    before the list is used up).
-- 2. Counts responses that are not 2xx (wrk itself only counts non-2xx/3xx) and prints "non2xx N",
--    a few status codes and p50/p99/max at the end, for bench/load_report.py.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  codes = {}
  paths = {}
  if args[1] then
    for line in io.lines(args[1]) do
      if line ~= "" then table.insert(paths, line) end
    end
  end
  -- Threads spread over the list rather than walking it in step.
  position = (id or 0) * math.floor(#paths / (tonumber(args[2]) or 1))
end

function request()
  if #paths == 0 then
    return wrk.format()
  end
  position = position + 1
  return wrk.format(nil, paths[(position % #paths) + 1])
end

function response(status, headers, body)
  if status < 200 or status >= 300 then
    non2xx = non2xx + 1
    codes[status] = (codes[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  local seen = {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
    local c = thread:get("codes")
    for code, n in pairs(c) do
      seen[code] = (seen[code] or 0) + n
    end
  end
  io.write(string.format("non2xx %d\n", total))
  for code, n in pairs(seen) do
    io.write(string.format("status %d %d\n", code, n))
  end
  io.write(string.format("p50_us %d\np99_us %d\nmax_us %d\n",
    latency:percentile(50), latency:percentile(99), latency.max))
end
