-- A tiny test runner for headless Neovim: named cases, bounded waits, a summary, and `cq` on failure.
local M = {}

local here = debug.getinfo(1, 'S').source:sub(2):match('(.*)/')
M.repo = vim.loop.fs_realpath(here .. '/../../..')
M.sample = M.repo .. '/tests/editors/sample'
M.shrike = os.getenv('SHRIKE_BINARY') or (M.repo .. '/build/release/shrike')
M.expected = vim.fn.json_decode(table.concat(vim.fn.readfile(M.repo .. '/tests/editors/sample.json'), '\n'))

-- The plugin under test comes from this repository, never from the user's configuration.
vim.opt.runtimepath:prepend(M.repo .. '/editors/nvim')

local cases = {}

function M.case(name, body)
  table.insert(cases, { name = name, body = body })
end

--- A skip: the case stops here and is reported as skipped with `reason`.
function M.skip(reason)
  error({ skip = reason }, 0)
end

function M.check(condition, message)
  if not condition then
    error(message or 'check failed', 2)
  end
end

function M.equal(got, want, what)
  if not vim.deep_equal(got, want) then
    error(string.format('%s: got %s, want %s', what or 'value', vim.inspect(got), vim.inspect(want)), 2)
  end
end

--- Waits (pumping the event loop) until `predicate()` holds; fails after `ms`, or at once when
--- `abort()` returns a reason (say, the server died). Never hangs.
function M.wait_for(predicate, what, ms, abort)
  ms = ms or 10000
  local reason
  local done = vim.wait(ms, function()
    reason = abort and abort()
    return reason ~= nil or predicate()
  end, 20)
  if reason then
    error(string.format('gave up waiting for %s: %s', what, reason), 2)
  elseif not done then
    error(string.format('timed out after %d ms waiting for %s', ms, what), 2)
  end
end

local function say(line)
  io.stdout:write(line .. '\n')
end

--- Runs the cases in order, then `cleanup` if given, prints `N passed, N failed`, and exits
--- Neovim (non-zero on failure).
function M.run(cleanup)
  local passed, failed, skipped = 0, 0, 0
  for _, c in ipairs(cases) do
    local ok, err = xpcall(c.body, function(e)
      if type(e) == 'table' then
        return e
      end
      return debug.traceback(tostring(e), 2)
    end)
    if ok then
      passed = passed + 1
      say('ok - ' .. c.name)
    elseif type(err) == 'table' and err.skip then
      skipped = skipped + 1
      say('ok - ' .. c.name .. ' # SKIP ' .. err.skip)
    else
      failed = failed + 1
      say('not ok - ' .. c.name)
      say('  ' .. tostring(err):gsub('\n', '\n  '))
    end
  end
  if cleanup then
    pcall(cleanup)
  end
  say(string.format('%d passed, %d failed, %d skipped', passed, failed, skipped))
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  vim.wait(2000, function()
    return #vim.lsp.get_active_clients() == 0
  end, 20)
  vim.cmd(failed == 0 and 'qall!' or 'cquit!')
end

return M
