-- wrk script: CREDIT 1 with a fresh idempotency key per request, so every call is a real write.
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  n = 0
  salt = os.time()
end

function request()
  n = n + 1
  local body = '{"operation":"CREDIT","amount":1,"idempotency_key":"bench-' .. salt .. '-' .. tid .. '-' .. n .. '"}'
  return wrk.format("POST", nil, nil, body)
end
