-- GET one path (WRK_PATH) over and over.
local path = os.getenv("WRK_PATH") or "/healthz"
request = function() return wrk.format("GET", path) end
dofile(os.getenv("WRK_DIR") .. "/report.lua")
