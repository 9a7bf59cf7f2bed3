-- The plugin without a usable `shrike`: a clear message naming what is missing, and no client.
--   nvim --headless -u NONE -i NONE -c "luafile tests/editors/nvim/missing_binary_spec.lua"
local t = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*)/') .. '/harness.lua')

vim.cmd('filetype on')

local messages = {}
vim.notify = function(message, level)
  table.insert(messages, { message = message, level = level })
end

t.case('a command missing from PATH is named, with how to fix it', function()
  messages = {}
  t.equal(require('shrike').setup({ cmd = { 'shrike-not-installed', 'lsp' } }), false, 'setup() result')
  t.equal(#messages, 1, 'messages')
  t.equal(messages[1].level, vim.log.levels.ERROR, 'level')
  t.check(messages[1].message:find('cannot find the language server "shrike-not-installed" on PATH', 1, true), messages[1].message)
  t.check(messages[1].message:find('setup({ cmd = {', 1, true), messages[1].message)
end)

t.case('a path that does not exist is named', function()
  messages = {}
  t.equal(require('shrike').setup({ cmd = { '/nonexistent/bin/shrike', 'lsp' } }), false, 'setup() result')
  t.check(messages[1].message:find('"/nonexistent/bin/shrike" does not exist or is not executable', 1, true), messages[1].message)
end)

t.case('a cmd that is not a list is refused', function()
  messages = {}
  t.equal(require('shrike').setup({ cmd = 'shrike lsp' }), false, 'setup() result')
  t.check(messages[1].message:find('must be a list', 1, true), messages[1].message)
end)

t.case('opening a Python file then starts nothing', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(t.sample .. '/app.py'))
  t.equal(vim.bo.filetype, 'python', 'filetype')
  vim.wait(200)
  t.equal(vim.tbl_count(vim.lsp.buf_get_clients(0)), 0, 'clients attached')
end)

t.run()
