-- wrk script: each request a new consent receipt, as the banner sends it (sendBeacon's
-- text/plain), with a fresh random v4 UUID. REVISION and ORIGIN come from the environment.
local revision = os.getenv("REVISION")
local origin = os.getenv("ORIGIN")
local thread_seed = 0

function setup(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
end

function init(args)
  math.randomseed(os.time() * 1000 + seed)
end

local function uuid4()
  local hex = "0123456789abcdef"
  local out = {}
  for i = 1, 36 do
    if i == 9 or i == 14 or i == 19 or i == 24 then
      out[i] = "-"
    elseif i == 15 then
      out[i] = "4"
    elseif i == 20 then
      local r = math.random(8, 11)
      out[i] = hex:sub(r + 1, r + 1)
    else
      local r = math.random(0, 15)
      out[i] = hex:sub(r + 1, r + 1)
    end
  end
  return table.concat(out)
end

function request()
  local audience = math.random(0, 1) == 1 and "true" or "false"
  local body = '{"id":"' .. uuid4() .. '","decidedAt":' .. os.time() .. ',"revision":"' .. revision ..
    '","choices":{"necessary":true,"audience":' .. audience .. '},"lang":"fr","page":"' .. origin .. '/explore/"}'
  return wrk.format("POST", nil, { ["Content-Type"] = "text/plain;charset=UTF-8", ["Origin"] = origin }, body)
end

-- One line the bench script reads: how many answered, how many refused or failed, latencies (ms).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d status_errors=%d socket_errors=%d p50=%.2f p99=%.2f max=%.2f seconds=%.1f\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.duration / 1e6))
end
