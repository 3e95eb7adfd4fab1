-- wrk script: CREDIT 1 with a fresh idempotency key per request, so every call is a real write.
-- Threads are spread over BENCH_SPREAD_PORTS when it is set (see spread.lua).
dofile((os.getenv("BENCH_DIR") or "admin-server/bench") .. "/spread.lua")

function init(args)
  n = 0
  salt = os.time()
end

function request()
  n = n + 1
  local body = '{"operation":"CREDIT","amount":1,"idempotency_key":"bench-' .. salt .. '-' .. tid .. '-' .. n .. '"}'
  return wrk.format("POST", nil, nil, body)
end
