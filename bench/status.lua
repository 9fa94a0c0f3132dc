-- wrk script: count responses that are not 2xx (wrk itself only counts non-2xx/3xx) and print
-- "non2xx N" and a few status codes at the end, for bench/load_report.py.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  codes = {}
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
