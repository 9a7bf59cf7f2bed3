-- Root finding: pyproject.toml or shrike.toml nearest the file wins over .git; else the file's folder.
--   nvim --headless -u NONE -i NONE -c "luafile tests/editors/nvim/root_spec.lua"
local t = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*)/') .. '/harness.lua')
local root = require('shrike.root')

-- A scratch tree: repo/.git, repo/services/api/pyproject.toml, repo/tools/shrike.toml, repo/scripts.
local base = vim.loop.fs_realpath(vim.fn.tempname():match('(.*)/')) .. '/shrike-root-' .. vim.loop.getpid()
local function make(path, is_dir)
  vim.fn.mkdir(vim.fn.fnamemodify(base .. '/' .. path, ':h'), 'p')
  if is_dir then
    vim.fn.mkdir(base .. '/' .. path, 'p')
  else
    vim.fn.writefile({}, base .. '/' .. path)
  end
end
make('repo/.git', true)
make('repo/services/api/pyproject.toml')
make('repo/services/api/app/models.py')
make('repo/tools/shrike.toml')
make('repo/tools/lint.py')
make('repo/scripts/deploy.py')
make('loose/script.py')

t.case('a file under a pyproject.toml belongs to that project, not the repository', function()
  t.equal(root.find(base .. '/repo/services/api/app/models.py'), base .. '/repo/services/api')
end)

t.case('shrike.toml marks a root too', function()
  t.equal(root.find(base .. '/repo/tools/lint.py'), base .. '/repo/tools')
end)

t.case('without a project file, the .git folder decides', function()
  t.equal(root.find(base .. '/repo/scripts/deploy.py'), base .. '/repo')
end)

t.case('a file outside any project is its own root', function()
  t.equal(root.find(base .. '/loose/script.py'), base .. '/loose')
end)

t.case('custom markers replace the defaults', function()
  t.equal(root.find(base .. '/repo/services/api/app/models.py', { '.git' }), base .. '/repo')
end)

t.run(function()
  vim.fn.delete(base, 'rf')
end)
