-- Shrike for Neovim: runs `shrike lsp` for Python buffers, on 0.7+ (start_client) and 0.11+ (vim.lsp.config).
--
--   require('shrike').setup({ cmd = { 'shrike', 'lsp' }, settings = { shrike = { ... } } })
local root = require('shrike.root')

local M = {}

M.name = 'shrike'

M.defaults = {
  cmd = { 'shrike', 'lsp' },
  filetypes = { 'python' },
  root_markers = root.markers,
  -- Sent in workspace/didChangeConfiguration and served for workspace/configuration.
  settings = {},
  init_options = nil,
  capabilities = nil,
  on_attach = nil,
  on_exit = nil,
}

-- Legacy path state: one client per root folder, reused by every buffer under it.
local clients_by_root = {}
local options = nil

local function notify_error(message)
  vim.notify('shrike: ' .. message, vim.log.levels.ERROR)
end

--- Whether `cmd[1]` can run; otherwise says why, once, in words a user can act on.
local function check_executable(cmd)
  if type(cmd) ~= 'table' or type(cmd[1]) ~= 'string' then
    notify_error('setup({ cmd = ... }) must be a list like { "shrike", "lsp" }')
    return false
  end
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  local where = cmd[1]:find('/') and ('"' .. cmd[1] .. '" does not exist or is not executable')
    or ('cannot find the language server "' .. cmd[1] .. '" on PATH')
  notify_error(
    where
      .. '. Install Shrike, or pass its path: require("shrike").setup({ cmd = { "/path/to/shrike", "lsp" } })'
  )
  return false
end

local function has_modern_api()
  return vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

local function buffer_root(bufnr)
  return root.find(vim.api.nvim_buf_get_name(bufnr), options.root_markers)
end

-- Neovim 0.7-0.10: start one client per root and attach buffers to it by hand.
local function attach_legacy(bufnr)
  if not vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
    return
  end
  local dir = buffer_root(bufnr)
  local id = clients_by_root[dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client({
      name = M.name,
      cmd = options.cmd,
      root_dir = dir,
      workspace_folders = { { uri = vim.uri_from_fname(dir), name = dir } },
      settings = options.settings,
      init_options = options.init_options,
      capabilities = options.capabilities,
      on_attach = options.on_attach,
      -- Neovim before 0.10 leaves sending the settings to the configuration (see :h vim.lsp.start_client).
      on_init = function(started)
        if next(started.config.settings or {}) then
          started.notify('workspace/didChangeConfiguration', { settings = started.config.settings })
        end
      end,
      on_exit = function(code, signal, client_id)
        if clients_by_root[dir] == client_id then
          clients_by_root[dir] = nil
        end
        if options.on_exit then
          options.on_exit(code, signal, client_id)
        end
      end,
    })
    if not id then
      return
    end
    clients_by_root[dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

local function setup_legacy()
  local group = vim.api.nvim_create_augroup('shrike', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      attach_legacy(args.buf)
    end,
  })
  -- Python buffers opened before setup() ran get their client too.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      attach_legacy(bufnr)
    end
  end
end

-- Neovim 0.11+: hand the configuration to vim.lsp.config; vim.lsp.enable starts and attaches.
local function setup_modern()
  vim.lsp.config(M.name, {
    cmd = options.cmd,
    filetypes = options.filetypes,
    root_dir = function(bufnr, on_dir)
      on_dir(buffer_root(bufnr))
    end,
    settings = options.settings,
    init_options = options.init_options,
    capabilities = options.capabilities,
    on_attach = options.on_attach,
    on_exit = options.on_exit,
  })
  vim.lsp.enable(M.name)
end

--- Starts Shrike for Python buffers. Returns false (after saying why) when it cannot.
function M.setup(user_options)
  options = vim.tbl_extend('force', M.defaults, user_options or {})
  if not check_executable(options.cmd) then
    return false
  end
  if has_modern_api() then
    setup_modern()
  else
    setup_legacy()
  end
  return true
end

--- The root folder Shrike uses for a buffer (0 for the current one).
function M.root_of(bufnr)
  options = options or M.defaults
  return buffer_root(bufnr == 0 and vim.api.nvim_get_current_buf() or bufnr)
end

return M
