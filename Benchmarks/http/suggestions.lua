-- wrk script: GET /api/v1/requests/<key>/suggestions?limit=10 with a bearer token, rotating
-- through request keys, counting the answers that are not 2xx.
--
--   KEYS_FILE=keys.txt TOKEN=... \
--     wrk -t2 -c64 -d20s --latency -s Benchmarks/http/suggestions.lua http://127.0.0.1:8080
--
-- KEYS_FILE: request keys, one a line (blank lines ignored). TOKEN: from POST /api/v1/auth/token.
-- Each thread starts at a different place in the key list, so threads do not ask in lockstep.

local keys_file = os.getenv("KEYS_FILE")
local token = os.getenv("TOKEN")

if not keys_file or keys_file == "" then
  error("suggestions.lua: set KEYS_FILE to a file of request keys, one a line")
end
if not token or token == "" then
  error("suggestions.lua: set TOKEN to a bearer token (POST /api/v1/auth/token)")
end

local function read_keys(path)
  local file, why = io.open(path, "r")
  if not file then
    error("suggestions.lua: cannot read KEYS_FILE: " .. tostring(why))
  end
  local list = {}
  for line in file:lines() do
    local key = line:match("^%s*(.-)%s*$")
    if key ~= "" then
      list[#list + 1] = key
    end
  end
  file:close()
  if #list == 0 then
    error("suggestions.lua: KEYS_FILE " .. path .. " holds no keys")
  end
  return list
end

local function escape(segment)
  return (segment:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- Runs in every Lua state (the main one and each thread's): each reads the keys itself.
local keys = read_keys(keys_file)

-- Main state: remember the threads so done() can collect their counts.
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

-- Thread state.
local prepared = {}
local position = 0
non2xx = 0
statuses = {}

function init(args)
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Accept"] = "application/json",
  }
  for i, key in ipairs(keys) do
    prepared[i] = wrk.format("GET", "/api/v1/requests/" .. escape(key) .. "/suggestions?limit=10", headers)
  end
  -- Spread the threads' starting points over the key list (golden-ratio steps: well apart for
  -- any number of threads, which is not known yet when the first thread starts).
  local n = thread_number or 1
  position = math.floor((n - 1) * #keys * 0.6180339887) % #keys
end

function request()
  position = position % #prepared + 1
  return prepared[position]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    local code = tostring(status)
    statuses[code] = (statuses[code] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  local by_status = {}
  for _, thread in ipairs(threads) do
    total = total + (thread:get("non2xx") or 0)
    local counts = thread:get("statuses") or {}
    for code, count in pairs(counts) do
      by_status[code] = (by_status[code] or 0) + count
    end
  end
  local parts = {}
  for code, count in pairs(by_status) do
    parts[#parts + 1] = code .. ": " .. count
  end
  table.sort(parts)
  io.write(string.format("keys: %d, requests: %d, non-2xx responses: %d%s\n",
    #keys, summary.requests, total,
    #parts > 0 and (" (" .. table.concat(parts, ", ") .. ")") or ""))
end
