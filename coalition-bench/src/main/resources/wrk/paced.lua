-- get.lua's GET load with a pause before each request on a connection, so that the load stays below the server's
-- maximum (wrk itself holds connections, not a rate). Arguments after "--": <pause in ms> then get.lua's own
-- (<token> <path> [<random bound>]). wrk times each request from when it is sent, so the pause is not in the latencies.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "get.lua")

local get_init = init

function init(args)
   pause = tonumber(args[1])
   get_init({(table.unpack or unpack)(args, 2)})
end

function delay()
   return pause
end
