-- GET load for coalition-bench with a bearer token. Arguments after "--": <token> <path> [<random bound>]
-- A path holding "{r}" gets a random integer in [0, bound) per request (e.g. the leaf of an inclusion proof).
function init(args)
   token = args[1]
   path = args[2]
   bound = tonumber(args[3] or "1")
   headers = {["Authorization"] = "Bearer " .. token}
   math.randomseed(os.time())
end

function request()
   local p = path:gsub("{r}", tostring(math.random(0, bound - 1)))
   return wrk.format("GET", p, headers)
end
