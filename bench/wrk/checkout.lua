-- POST a 3-line checkout with a fresh Idempotency-Key each time. The SKUs and
-- the shop come from the environment (set by scripts/bench).
local shop = os.getenv("WRK_SHOP")
local skus = { os.getenv("WRK_SKU1"), os.getenv("WRK_SKU2"), os.getenv("WRK_SKU3") }
local counter = 0
local thread_no = 0
local threads = {}

function setup(thread)
  thread_no = thread_no + 1
  thread:set("id", thread_no)
  table.insert(threads, thread)
end

function init(args)
  -- LuaJIT's generator starts from the same seed in every run: seed it, or a
  -- second run against the same server would replay the first run's keys.
  math.randomseed(os.time() * 100 + id)
  local body = string.format(
    '{"lines":[{"sku_id":"%s","quantity":1},{"sku_id":"%s","quantity":2},{"sku_id":"%s","quantity":1}],' ..
    '"buyer":{"name":"压测","phone":"13800000000","region":"湖南","address":"长沙市岳麓区 1 号"}}',
    skus[1], skus[2], skus[3])
  -- Everything but the key is the same in every request: built once, so
  -- the load generator spends little of the two cores it shares with the
  -- server (wrk.format per request cost it several microseconds).
  head = "POST /store/v1/" .. shop .. "/checkout HTTP/1.1\r\nHost: " .. wrk.host .. ":" .. wrk.port ..
         "\r\nContent-Type: application/json\r\nContent-Length: " .. #body ..
         "\r\nIdempotency-Key: " .. string.format("bench-%d-%d-", id, math.random(1, 1e9))
  tail = "\r\n\r\n" .. body
end

request = function()
  counter = counter + 1
  return head .. counter .. tail
end

dofile(os.getenv("WRK_DIR") .. "/report.lua")
