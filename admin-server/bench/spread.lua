-- wrk script: with BENCH_SPREAD_PORTS="17979,17980" each wrk thread drives one of those ports on
-- 127.0.0.1 in turn (two servers behind no load balancer, as evenly as a balancer would spread
-- them); without it, every thread drives the URL given on the command line.
local threads = 0

function spread(thread)
  local ports = os.getenv("BENCH_SPREAD_PORTS")
  if ports then
    local list = {}
    for p in string.gmatch(ports, "%d+") do list[#list + 1] = p end
    thread.addr = wrk.lookup("127.0.0.1", list[threads % #list + 1])[1]
  end
  thread:set("tid", threads)
  threads = threads + 1
end

setup = spread
