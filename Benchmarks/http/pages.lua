-- wrk script: GET the paths of PATHS_FILE in turn (one a line), as a browser would (Accept:
-- text/html, and the session cookie of COOKIE when given), counting the answers that are not 2xx.
--
--   PATHS_FILE=paths.txt COOKIE="cx_session=…" wrk -t2 -c32 -d10s --latency -s Benchmarks/http/pages.lua http://127.0.0.1:8080

local paths_file = os.getenv("PATHS_FILE")
local cookie = os.getenv("COOKIE")
if not paths_file or paths_file == "" then
  error("pages.lua: set PATHS_FILE to a file of paths, one a line")
end

local function read_paths(path)
  local list = {}
  for line in io.lines(path) do
    local item = line:match("^%s*(.-)%s*$")
    if item ~= "" then list[#list + 1] = item end
  end
  if #list == 0 then error("pages.lua: " .. path .. " holds no paths") end
  return list
end

local paths = read_paths(paths_file)
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

local prepared = {}
local position = 0
non2xx = 0

function init(args)
  local headers = { ["Accept"] = "text/html" }
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  for i, path in ipairs(paths) do prepared[i] = wrk.format("GET", path, headers) end
  position = math.floor(((thread_number or 1) - 1) * #paths * 0.6180339887) % #paths
end

function request()
  position = position % #prepared + 1
  return prepared[position]
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("non2xx") or 0) end
  io.write(string.format("paths: %d, requests: %d, non-2xx responses: %d\n", #paths, summary.requests, total))
end
