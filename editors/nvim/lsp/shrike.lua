-- Shrike's default client configuration for Neovim 0.11+ (`vim.lsp.enable('shrike')` finds it on 'runtimepath').
return {
  cmd = { 'shrike', 'lsp' },
  filetypes = { 'python' },
  -- Nested lists are equal priority (Neovim 0.11.3+); older 0.11 releases take flat names.
  root_markers = vim.fn.has('nvim-0.11.3') == 1 and { { 'pyproject.toml', 'shrike.toml' }, '.git' }
    or { 'pyproject.toml', 'shrike.toml', '.git' },
  settings = {},
}
