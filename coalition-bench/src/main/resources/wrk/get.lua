-- GET load for coalition-bench with a bearer token. Arguments after "--": <token> <path> [<random bound> [close]]
-- A path holding "{r}" gets a random integer in [0, bound) per request (e.g. the leaf of an inclusion proof).
-- "close" asks for a new connection per request, as a health probe makes (README, Known issues: health on a
-- reused keep-alive connection can stall).
function init(args)
   token = args[1]
   path = args[2]
   bound = tonumber(args[3] or "1")
   headers = {["Authorization"] = "Bearer " .. token}
   if args[4] == "close" then
      headers["Connection"] = "close"
   end
   math.randomseed(os.time())
end

function request()
   local p = path:gsub("{r}", tostring(math.random(0, bound - 1)))
   return wrk.format("GET", p, headers)
end
