-- Project roots: the nearest folder with pyproject.toml or shrike.toml, else the nearest with .git.
local M = {}

-- Marker sets in priority order; each set is searched upwards before the next one.
M.markers = { { 'pyproject.toml', 'shrike.toml' }, { '.git' } }

local uv = vim.uv or vim.loop -- vim.loop before Neovim 0.10

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

local function parent(dir)
  local up = vim.fn.fnamemodify(dir, ':h')
  if up == dir then
    return nil
  end
  return up
end

local function search_upwards(start, names)
  local dir = start
  while dir do
    for _, name in ipairs(names) do
      if exists(dir .. '/' .. name) then
        return dir
      end
    end
    dir = parent(dir)
  end
  return nil
end

--- The root for a file: a monorepo's Python project is its pyproject.toml folder, not the
--- repository top. A file outside any project is its own folder's root (single-file mode).
--- `markers` is a list of names or of lists of names (equal priority); default M.markers.
function M.find(file, markers)
  local start = vim.fn.fnamemodify(file ~= '' and file or vim.fn.getcwd(), ':p')
  if vim.fn.isdirectory(start) == 0 then
    start = vim.fn.fnamemodify(start, ':h')
  end
  start = start:gsub('/$', '')
  if start == '' then
    start = '/'
  end
  for _, set in ipairs(markers or M.markers) do
    local found = search_upwards(start, type(set) == 'table' and set or { set })
    if found then
      return found
    end
  end
  return start
end

return M
