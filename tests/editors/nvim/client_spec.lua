-- The real Neovim client with the real `shrike lsp`: the plugin starts and attaches the server to
-- the sample project's Python files, shows its diagnostics, and answers definition/references.
--   nvim --headless -u NONE -i NONE -c "luafile tests/editors/nvim/client_spec.lua"
local t = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*)/') .. '/harness.lua')
local expected = t.expected

vim.cmd('filetype on')

-- Every publishDiagnostics the client receives, raw, before Neovim turns it into vim.diagnostic.
local published = {}
local show_diagnostics = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = result.diagnostics
  return show_diagnostics(err, result, ctx, config)
end

local function path_of(file)
  return t.sample .. '/' .. file
end
local function uri_of(file)
  return vim.uri_from_fname(path_of(file))
end
local function file_of(uri)
  return vim.uri_to_fname(uri):sub(#t.sample + 2)
end

local buffers = {}
local function open(file)
  vim.cmd('edit ' .. vim.fn.fnameescape(path_of(file)))
  buffers[file] = vim.api.nvim_get_current_buf()
  return buffers[file]
end

local function shrike_clients(bufnr)
  return vim.tbl_filter(function(c)
    return c.name == 'shrike'
  end, vim.tbl_values(vim.lsp.buf_get_clients(bufnr)))
end

-- How each server process ended, as the plugin's on_exit reports it.
local exits = {}
local function record_exit(code, signal)
  table.insert(exits, { code = code, signal = signal })
end

local function the_client()
  return vim.lsp.get_active_clients()[1]
end

-- Waits are cut short when the server has died (Neovim also reports its exit code).
local function server_gone()
  if #exits > 0 then
    return string.format('the server exited with code %d, signal %d', exits[1].code, exits[1].signal)
  end
end

--- The one answer of the shrike client to a request at a position in `file`.
local function ask(method, at, extra)
  local bufnr = buffers[at.file]
  local params = vim.tbl_extend('force', {
    textDocument = { uri = uri_of(at.file) },
    position = { line = at.line, character = at.character },
  }, extra or {})
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  t.check(responses, method .. ': no answer (' .. tostring(err) .. ')')
  local _, response = next(responses)
  t.check(response and not response.err, method .. ' failed: ' .. vim.inspect(response))
  return response.result
end

local function capability(name)
  local client = the_client()
  t.check(client, 'no shrike server is running')
  t.check(client.server_capabilities[name], 'the server does not advertise ' .. name)
end

local function start_of(location)
  local range = location.range or location.targetSelectionRange
  return { file = file_of(location.uri or location.targetUri), line = range.start.line, character = range.start.character }
end

local function contains(range, p)
  local after_start = range.start.line < p.line or (range.start.line == p.line and range.start.character <= p.character)
  local before_end = p.line < range['end'].line or (p.line == range['end'].line and p.character <= range['end'].character)
  return after_start and before_end
end

t.case('setup() finds shrike and the sample root by pyproject.toml', function()
  t.check(vim.fn.executable(t.shrike) == 1, t.shrike .. ' is not built (scripts/build release)')
  t.check(require('shrike').setup({ cmd = { t.shrike, 'lsp' }, on_exit = record_exit }), 'setup() returned false')
  t.equal(require('shrike.root').find(path_of('geometry/shapes.py')), t.sample, 'root of geometry/shapes.py')
end)

t.case('opening Python files starts one client for the project and attaches it to each', function()
  for _, file in ipairs(expected.open) do
    local bufnr = open(file)
    t.equal(vim.bo[bufnr].filetype, 'python', file .. ' filetype')
    t.wait_for(function()
      return #shrike_clients(bufnr) == 1
    end, 'the shrike client to attach to ' .. file, 10000, server_gone)
  end
  t.equal(#vim.lsp.get_active_clients(), 1, 'running clients')
  local client = the_client()
  t.equal(client.config.root_dir, t.sample, 'root_dir')
  t.wait_for(function()
    return client.initialized
  end, 'the client to initialize', 10000, server_gone)
end)

for _, file in ipairs(expected.open) do
  local want = expected.diagnostics[file]
  t.case('diagnostics of ' .. file, function()
    local uri = uri_of(file)
    t.wait_for(function()
      return published[uri] ~= nil
    end, 'diagnostics for ' .. file, 10000, server_gone)
    local got = {}
    for _, d in ipairs(published[uri]) do
      table.insert(got, { line = d.range.start.line, code = d.code, severity = d.severity, source = d.source })
      t.check(type(d.message) == 'string' and d.message ~= '', 'a diagnostic without a message')
    end
    t.equal(got, want, file .. ' diagnostics')
    -- What the user sees: Neovim's own diagnostics for the buffer, on the same lines.
    local shown = vim.diagnostic.get(buffers[file])
    t.equal(#shown, #want, file .. ' diagnostics shown')
    for i, d in ipairs(shown) do
      t.equal(d.lnum, want[i].line, file .. ' shown diagnostic line')
    end
  end)
end

t.case('fixing the syntax error in the buffer clears its diagnostics', function()
  local bufnr = buffers['broken.py']
  local uri = uri_of('broken.py')
  t.check(#published[uri] > 0, 'broken.py has no diagnostics to clear')
  vim.api.nvim_buf_set_lines(bufnr, 1, 2, true, { '    return factor * 2' })
  t.wait_for(function()
    return #published[uri] == 0
  end, 'the diagnostics of the edited broken.py to clear', 10000, server_gone)
  t.equal(#vim.diagnostic.get(bufnr), 0, 'diagnostics shown after the fix')
end)

t.case('document symbols of ' .. expected.documentSymbols.file, function()
  capability('documentSymbolProvider')
  local spec = expected.documentSymbols
  local got = ask('textDocument/documentSymbol', { file = spec.file, line = 0, character = 0 })
  local names = vim.tbl_map(function(s)
    return s.name
  end, got)
  t.equal(
    names,
    vim.tbl_map(function(s)
      return s.name
    end, spec.symbols),
    'top-level symbols'
  )
  local function check(got_symbols, want_symbols)
    for _, want in ipairs(want_symbols) do
      local found
      for _, s in ipairs(got_symbols) do
        if s.name == want.name then
          found = s
        end
      end
      t.check(found, 'no symbol ' .. want.name)
      t.check(vim.tbl_contains(want.kinds, found.kind), want.name .. ' has kind ' .. tostring(found.kind))
      if want.children then
        check(found.children or {}, want.children)
      end
    end
  end
  check(got, spec.symbols)
end)

-- The workspace is indexed in the background, so an early answer may miss what is not indexed
-- yet: ask again (as a user would) until the answer is the expected one or 10 s have passed,
-- then check the last answer.
local function settled_answer(method, at, extra, is_expected)
  local answer
  vim.wait(10000, function()
    answer = ask(method, at, extra)
    return is_expected(answer)
  end, 50)
  return answer
end

local function as_list(answer)
  if answer == nil or answer == vim.NIL then
    return {}
  end
  return vim.tbl_islist(answer) and answer or { answer }
end

t.case('definition across modules', function()
  capability('definitionProvider')
  local spec = expected.definition
  local function is_target(l)
    return (l.uri or l.targetUri) == uri_of(spec.target.file) and contains(l.range or l.targetSelectionRange, spec.target)
  end
  local locations = as_list(settled_answer('textDocument/definition', spec.at, nil, function(a)
    local list = as_list(a)
    return #list == 1 and is_target(list[1])
  end))
  t.equal(#locations, 1, 'definition count')
  t.equal(locations[1].uri or locations[1].targetUri, uri_of(spec.target.file), 'definition file')
  t.check(is_target(locations[1]), 'definition range ' .. vim.inspect(locations[1]))
end)

t.case('references across modules', function()
  capability('referencesProvider')
  local spec = expected.references
  local key = function(l)
    return string.format('%s:%d:%d', l.file, l.line, l.character)
  end
  local function keys(answer)
    local list = vim.tbl_map(function(l)
      return key(start_of(l))
    end, as_list(answer))
    table.sort(list)
    return list
  end
  local want_keys = vim.tbl_map(key, spec.locations)
  table.sort(want_keys)
  local got = settled_answer('textDocument/references', spec.at, {
    context = { includeDeclaration = spec.includeDeclaration },
  }, function(a)
    return vim.deep_equal(keys(a), want_keys)
  end)
  t.equal(keys(got), want_keys, 'references')
end)

t.case('the server exits cleanly when Neovim stops it', function()
  local client = the_client()
  t.check(client, 'no shrike server is running')
  t.equal(exits, {}, 'exits before stop')
  client.stop()
  t.wait_for(function()
    return #exits > 0
  end, 'the server to exit', 5000)
  t.equal(exits, { { code = 0, signal = 0 } }, 'exit status')
end)

t.run()
