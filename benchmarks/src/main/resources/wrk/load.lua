-- One wrk (4.x) script for the HTTP benchmarks (HttpLoad.java): the request, an optional fixed rate and the result
-- as one JSON line. Configured by environment variables, read once per wrk thread (wrk runs this file in each
-- thread's Lua state and in the state that calls setup() and done()):
--   WRK_METHOD       GET (default), POST, ...
--   WRK_BODY_FILE    a file whose content is sent as the body (Content-Length is set by wrk.format)
--   WRK_HEADERS      header lines "Name: value", separated by newlines
--   WRK_RATE         requests per second over all connections; unset or 0: as fast as the server answers
--   WRK_CONNECTIONS  the -c given to wrk (needed with WRK_RATE)
--   WRK_THREADS      the -t given to wrk (needed with WRK_RATE)
--   WRK_CHECK_2XX    1 (default): count every answer outside 200-299 as an error (wrk itself counts only > 399;
--                    checking needs the response() hook, which costs wrk some CPU); 0: wrk's own count only
--   WRK_CLK_TCK      clock ticks per second of /proc/self/stat (getconf CLK_TCK; default 100)

local method = os.getenv("WRK_METHOD") or "GET"
local bodyFile = os.getenv("WRK_BODY_FILE")
local headerLines = os.getenv("WRK_HEADERS") or ""
local rate = tonumber(os.getenv("WRK_RATE") or "0") or 0
local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "1") or 1
local check2xx = (os.getenv("WRK_CHECK_2XX") or "1") ~= "0"
local clkTck = tonumber(os.getenv("WRK_CLK_TCK") or "100") or 100

local body = nil
if bodyFile and bodyFile ~= "" then
   local f = assert(io.open(bodyFile, "rb"))
   body = f:read("*a")
   f:close()
end

wrk.method = method
wrk.body = body
for line in headerLines:gmatch("[^\r\n]+") do
   local name, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
   if name then
      wrk.headers[name] = value
   end
end

-- Answers outside 200-299, counted in each thread's state and summed in done().
non2xx = 0
firstStatus = 0

if check2xx then
   function response(status, headers, body)
      if status < 200 or status > 299 then
         non2xx = non2xx + 1
         if firstStatus == 0 then
            firstStatus = status
         end
      end
   end
end

if rate > 0 then
   -- A schedule per wrk thread: request k of the thread is due at start + k * interval, and delay() makes the
   -- connection about to send wait until its request is due. As long as some connection is free when a request is
   -- due (wrk is given enough connections), the rate is `rate` whatever the response time; a server that cannot keep
   -- up falls behind the schedule, which then restarts from now (no burst to catch up) and the achieved rate is
   -- lower (HttpLoad reports it). wrk's timers have millisecond resolution, so a wait is rounded at random (its
   -- mean is exact). Needs LuaJIT's ffi for a monotonic clock; without it, each connection waits
   -- connections * 1000 / rate ms on average before each request (a little under `rate`: a connection's cycle is
   -- the wait plus the response time).
   local threadCount = tonumber(os.getenv("WRK_THREADS") or "1") or 1
   local interval = threadCount * 1000.0 / rate
   local perConnection = connections * 1000.0 / rate
   math.randomseed(os.time() + math.floor((os.clock() * 1000000) % 100000))
   local function rounded(d)
      local whole = math.floor(d)
      if math.random() < d - whole then
         whole = whole + 1
      end
      return whole
   end
   local hasFfi, ffi = pcall(require, "ffi")
   if hasFfi then
      ffi.cdef[[
         typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
         int clock_gettime(int clk_id, bench_timespec *tp);
      ]]
      local ts = ffi.new("bench_timespec")
      local function nowMs()
         ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
         return tonumber(ts.tv_sec) * 1000.0 + tonumber(ts.tv_nsec) / 1e6
      end
      local nextDue = nil
      function delay()
         local now = nowMs()
         if nextDue == nil or nextDue < now - 100 then
            nextDue = now
         end
         local due = nextDue
         nextDue = nextDue + interval
         if due <= now then
            return 0
         end
         return rounded(due - now)
      end
   else
      function delay()
         return rounded(perConnection * (0.5 + math.random()))
      end
   end
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- wrk's own CPU time (all its threads: user + system) in ms, from /proc/self/stat (fields 14 and 15).
local function cpuMillis()
   local f = io.open("/proc/self/stat", "r")
   if not f then
      return -1
   end
   local stat = f:read("*a")
   f:close()
   local rest = stat:match("^.*%) (.*)$")
   local fields = {}
   for v in rest:gmatch("%S+") do
      fields[#fields + 1] = v
   end
   -- after "pid (comm) ": state is field 3, so utime (14) and stime (15) are the 12th and 13th here
   return (tonumber(fields[12]) + tonumber(fields[13])) * 1000.0 / clkTck
end

function done(summary, latency, requests)
   local bad, first = 0, 0
   for _, t in ipairs(threads) do
      bad = bad + (t:get("non2xx") or 0)
      local s = t:get("firstStatus") or 0
      if first == 0 and s ~= 0 then
         first = s
      end
   end
   local e = summary.errors
   io.write(string.format('WRK_RESULT {"requests":%d,"durationMicros":%d,"bytes":%d,'
         .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"non2xx":%d,"firstNon2xx":%d},'
         .. '"latencyMicros":{"mean":%.1f,"min":%d,"max":%d,"p50":%d,"p95":%d,"p99":%d},'
         .. '"targetRate":%.1f,"checked2xx":%s,"cpuMillis":%.0f}\n',
         summary.requests, summary.duration, summary.bytes,
         e.connect, e.read, e.write, e.status, e.timeout, bad, first,
         latency.mean, latency.min, latency.max,
         latency:percentile(50), latency:percentile(95), latency:percentile(99),
         rate, tostring(check2xx), cpuMillis()))
end
