-- HTTP ingest for coalition-bench: every request records a new takedown batch (an NGO report: one event, on its
-- own record stream) for one of the benchmark's coalitions, round-robin. Arguments after "--":
--   <admin token> <run prefix> <number of coalitions>
local thread_count = 0

function setup(thread)
   thread:set("thread_id", thread_count)
   thread_count = thread_count + 1
end

function init(args)
   token = args[1]
   prefix = args[2]
   coalitions = tonumber(args[3])
   counter = 0
   headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
end

function request()
   counter = counter + 1
   local coalition = "bench-" .. (counter % coalitions)
   local year = 2001 + (counter % 24)
   local body = string.format('{"batchId":"%s-%d-%d","reporter":{"type":"NGO","memberId":null,"name":"Bench NGO"},'
      .. '"periodStart":"%d-01-01","periodEnd":"%d-12-31","listingsRemoved":%d,"adsBlocked":%d,'
      .. '"accountsRemoved":%d,"categories":["ivory"],"scope":"global","source":"coalition-bench"}',
      prefix, thread_id, counter, year, year, 1 + counter % 1000, counter % 100, counter % 10)
   return wrk.format("POST", "/api/v1/coalitions/" .. coalition .. "/takedown-batches", headers, body)
end
