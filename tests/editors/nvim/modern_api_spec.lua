-- The Neovim 0.11+ path, checked for its wiring only: this machine's Neovim is 0.7, so
-- vim.lsp.config/vim.lsp.enable are stand-ins that record what setup() hands them.
--   nvim --headless -u NONE -i NONE -c "luafile tests/editors/nvim/modern_api_spec.lua"
local t = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*)/') .. '/harness.lua')

local configured, enabled = {}, {}
vim.lsp.config = function(name, config)
  configured[name] = config
end
vim.lsp.enable = function(name)
  table.insert(enabled, name)
end

t.case('setup() configures and enables "shrike" instead of starting clients itself', function()
  local on_attach = function() end
  local settings = { shrike = { example = true } }
  t.check(require('shrike').setup({ cmd = { t.shrike, 'lsp' }, settings = settings, on_attach = on_attach }))
  t.equal(enabled, { 'shrike' }, 'enabled')
  local config = configured.shrike
  t.equal(config.cmd, { t.shrike, 'lsp' }, 'cmd')
  t.equal(config.filetypes, { 'python' }, 'filetypes')
  t.equal(config.settings, settings, 'settings')
  t.check(config.on_attach == on_attach, 'on_attach is passed through')
  t.equal(#vim.lsp.get_active_clients(), 0, 'clients started by setup() itself')
end)

t.case('root_dir() hands vim.lsp the project root of the buffer', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(t.sample .. '/geometry/shapes.py'))
  local roots = {}
  configured.shrike.root_dir(vim.api.nvim_get_current_buf(), function(dir)
    table.insert(roots, dir)
  end)
  t.equal(roots, { t.sample }, 'roots')
end)

t.case('lsp/shrike.lua is a complete default config for vim.lsp.enable("shrike")', function()
  local defaults = dofile(t.repo .. '/editors/nvim/lsp/shrike.lua')
  t.equal(defaults.cmd, { 'shrike', 'lsp' }, 'cmd')
  t.equal(defaults.filetypes, { 'python' }, 'filetypes')
  t.equal(defaults.root_markers, { 'pyproject.toml', 'shrike.toml', '.git' }, 'root_markers (flat before 0.11.3)')
end)

t.run()
