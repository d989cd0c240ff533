-- wrk request generator: cycles through the paths listed in a file, one a line (`-- FILE` after the URL).
local paths = {}
local next_path = 1

init = function(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
end

request = function()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format(nil, path)
end
-- The reporter of report.lua, beside this file.
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "report.lua")
