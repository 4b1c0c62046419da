-- wrk script for scripts/load-test: posts the corpus pages as HTML, a
-- different one each request (each connection starts at its own page),
-- and counts the answers by status.
local pages = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local list = io.open(args[1])
  for path in list:lines() do
    local f = io.open(path, "rb")
    table.insert(pages, f:read("*a"))
    f:close()
  end
  list:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/html"
  -- the requests are built once: building a megabyte a request would
  -- take the client's CPU from the service being measured
  for i, body in ipairs(pages) do
    pages[i] = wrk.format(nil, nil, nil, body)
  end
  counts = {}
  n = id * 7
end

function request()
  n = n + 1
  return pages[(n % #pages) + 1]
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for status, k in pairs(c) do
      total[status] = (total[status] or 0) + k
    end
  end
  local parts = {}
  for status, k in pairs(total) do
    table.insert(parts, status .. "=" .. k)
  end
  table.sort(parts)
  io.write(string.format("STATS reqs=%d secs=%.2f p50=%.1f p99=%.1f max=%.1f socket_errors=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
end
