-- bench/web-survey.lua: wrk script for survey submissions,
-- POST /api/survey/TOKEN with a JSON answer whose client_id is unique per
-- request, counting the answers acknowledged with 201.
--
--   wrk ... -s bench/web-survey.lua URL -- ANSWERS_FILE GROUP RUN
--
-- ANSWERS_FILE holds the "answers" object ({"ITEM": 4, ...}); RUN tells
-- this run's ids from another's. Each wrk thread has its own Lua state:
-- setup() numbers the threads and keeps them, each thread counts in its
-- own globals, and done() adds the counts up through the threads table.

local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("thread_id", #threads)
end

function init(args)
	local f = assert(io.open(args[1], "r"))
	answers = f:read("*a"):gsub("%s+$", "")
	f:close()
	group = args[2] or "nursing"
	prefix = string.format("wrk-%s-%d-", args[3] or "run", thread_id)
	sent = 0
	created = 0
	other = 0
	first_other = ""
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	sent = sent + 1
	return wrk.format(nil, nil, nil, string.format(
		'{"client_id":"%s%d","group":"%s","answers":%s}',
		prefix, sent, group, answers))
end

function response(status, headers, body)
	if status == 201 then
		created = created + 1
	else
		other = other + 1
		if first_other == "" then
			first_other = status .. " " .. body:sub(1, 200)
		end
	end
end

function done(summary, latency, requests)
	local c, o, first = 0, 0, ""
	for _, t in ipairs(threads) do
		c = c + t:get("created")
		o = o + t:get("other")
		if first == "" then
			first = t:get("first_other")
		end
	end
	io.write(string.format("acknowledged (201): %d\n", c))
	io.write(string.format("other statuses: %d\n", o))
	if first ~= "" then
		io.write("first other answer: " .. first:gsub("\n", " ") .. "\n")
	end
end
