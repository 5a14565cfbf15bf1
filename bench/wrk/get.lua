-- GET one path (WRK_PATH) over and over. Set once: wrk then sends a request
-- built in advance instead of calling Lua for each one (the load generator
-- shares the machine's two cores with the server under test).
wrk.method = "GET"
wrk.path = os.getenv("WRK_PATH") or "/healthz"
dofile(os.getenv("WRK_DIR") .. "/report.lua")
