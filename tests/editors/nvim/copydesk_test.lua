-- Neovim end-to-end test of editors/neovim against `copydesk lsp`. One file for 0.7 and 0.11+:
--   nvim --headless -u NONE -i NONE -n +'luafile tests/editors/nvim/copydesk_test.lua'
-- It loads the shipped plugin as a user would (editors/neovim on 'runtimepath', then
-- vim.lsp.enable('copydesk') on 0.11+, require('copydesk').setup{} before), with `copydesk` on
-- the PATH. Env: COPYDESK_REPO (repo root), WS_DIR (a scratch copy of the fixture folder),
-- TIMEOUT_MS. Prints one JSON line per check; exits 1 on the first failure.
local function env(k, d) local v = os.getenv(k); if v == nil or v == '' then return d end; return v end
local repo = env('COPYDESK_REPO', vim.fn.getcwd())
local expect = vim.json.decode(table.concat(vim.fn.readfile(repo .. '/tests/editors/expect.json'), '\n'))
local file = env('WS_DIR', repo .. '/tests/editors/fixtures/ws') .. '/' .. expect.file
local timeout = tonumber(env('TIMEOUT_MS', '20000'))
local v = vim.version()
local version = v.major .. '.' .. v.minor .. '.' .. v.patch
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local t0 = vim.loop.hrtime()

local function emit(obj)
  obj.nvim = version
  obj.ms = math.floor((vim.loop.hrtime() - t0) / 1e6)
  io.stdout:write(vim.json.encode(obj), '\n')
  io.stdout:flush()
end
local function finish(code)
  vim.lsp.stop_client(get_clients())
  vim.wait(2000, function() return #get_clients() == 0 end, 20)
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end
local function fail(check, why, extra)
  emit(vim.tbl_extend('force', { check = check, ok = false, error = why }, extra or {}))
  finish(1)
  error('unreachable')
end
local function pass(check, extra) emit(vim.tbl_extend('force', { check = check, ok = true }, extra or {})) end
local function wait_for(check, pred, what)
  if not vim.wait(timeout, pred, 20) then fail(check, 'timeout waiting for ' .. what) end
end

-- The plugin, exactly as shipped. NVIM_INSTALL: `rtp` (default: the repository's editors/neovim on
-- 'runtimepath', what a plugin manager pointed at that folder does) or `pack` (.ci/editors.sh copied
-- the folder's files into a native package under $XDG_DATA_HOME, as a user without a clone would:
-- it must load from there, not from the repository).
local install = env('NVIM_INSTALL', 'rtp')
if install == 'pack' then
  vim.cmd('packloadall')                                -- what startup does; -u NONE skips it
  local found = vim.api.nvim_get_runtime_file('lua/copydesk/init.lua', false)[1] or ''
  if found:find(repo, 1, true) == 1 or not found:find('/pack/', 1, true) then
    fail('install', 'the plugin was not loaded from a package: ' .. found)
  end
  pass('install', { from = found })
else
  vim.opt.runtimepath:append(repo .. '/editors/neovim')
end
vim.cmd('filetype on')                                  -- -u NONE leaves detection off
-- NVIM_ENTRY: `enable` (0.11+: vim.lsp.enable, the default there) or `setup` (require('copydesk').setup{})
local entry = env('NVIM_ENTRY', (vim.lsp.config and vim.lsp.enable) and 'enable' or 'setup')
if entry == 'enable' then
  vim.lsp.enable('copydesk')                            -- reads lsp/copydesk.lua from 'runtimepath'
else
  require('copydesk').setup{}
end

local diag_changes = 0
vim.api.nvim_create_autocmd('DiagnosticChanged', { callback = function() diag_changes = diag_changes + 1 end })

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client
wait_for('attach', function()
  for _, c in ipairs(get_clients({ bufnr = buf })) do
    if c.name == 'copydesk' and c.initialized ~= false then client = c end
  end
  -- 0.7's get_active_clients takes no filter
  if not client and not vim.lsp.get_clients then
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do if c.name == 'copydesk' then client = c end end
  end
  return client ~= nil and (client.initialized == nil or client.initialized)
end, 'the copydesk client to attach')
pass('attach', { entry = entry, filetype = vim.bo[buf].filetype, cmd = client.config.cmd, offset_encoding = client.offset_encoding })

local function codes()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    out[#out + 1] = code
  end
  table.sort(out)
  return out
end
local function has(list, x) return vim.tbl_contains(list, x) end

-- 1. diagnostics
wait_for('diagnostics', function()
  local c = codes()
  for _, want in ipairs(expect.codes_on_open) do if not has(c, want) then return false end end
  return true
end, 'diagnostics ' .. table.concat(expect.codes_on_open, ', '))
-- Each finding should be shown once. A client that both pulls (textDocument/diagnostic) and
-- takes pushed diagnostics (Neovim 0.10+) would list them twice if the server sent both: it must not.
local seen, duplicated = {}, {}
for _, c in ipairs(codes()) do if seen[c] then duplicated[#duplicated + 1] = c end; seen[c] = true end
pass('diagnostics', { codes = codes() })
if #duplicated > 0 then
  emit({ check = 'diagnostics_once', ok = false, error =
    'each diagnostic is shown twice (pushed and pulled): ' .. table.concat(duplicated, ', ') })
  finish(1)
end

-- 2. hover on the name, through the real UI: vim.lsp.buf.hover() opens a floating window.
local function find_line(pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(pattern, 1, true)
    if col then return i - 1, col - 1 end
  end
end
local hl, hc = find_line(expect.hover_word)
vim.api.nvim_win_set_cursor(0, { hl + 1, hc + 1 })
local function floating_text()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      return table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
    end
  end
end
vim.lsp.buf.hover()
local hover_text
wait_for('hover', function() hover_text = floating_text(); return hover_text ~= nil and hover_text ~= '' end, 'the hover window')
for _, want in ipairs(expect.hover_contains) do
  if not hover_text:find(want, 1, true) then fail('hover', 'hover lacks ' .. want, { text = hover_text }) end
end
pass('hover', { text = hover_text })
for _, w in ipairs(vim.api.nvim_list_wins()) do
  if vim.api.nvim_win_get_config(w).relative ~= '' then vim.api.nvim_win_close(w, true) end
end

-- 2b. the code lens at the top (the source inventory), and the sources list it runs: the server
-- shows the list with window/showMessage
local lens_title
wait_for('code_lens', function()
  vim.lsp.codelens.refresh()
  vim.wait(200, function() return false end, 20)
  lens_title = nil
  for _, l in ipairs(vim.lsp.codelens.get(buf)) do
    if l.command and l.command.title then lens_title = l.command.title end
  end
  return lens_title == expect.code_lens
end, 'the code lens ' .. expect.code_lens)
pass('code_lens', { title = lens_title })
local shown
local show_message = vim.lsp.handlers['window/showMessage']
vim.lsp.handlers['window/showMessage'] = function(_, result) shown = result and result.message end
vim.api.nvim_win_set_cursor(0, { 1, 0 })
vim.lsp.codelens.run()
wait_for('sources_list', function() return shown ~= nil and shown:find(expect.sources_list_contains, 1, true) ~= nil end,
  'the sources list with ' .. expect.sources_list_contains)
vim.lsp.handlers['window/showMessage'] = show_message
pass('sources_list', { text = shown })

-- 3. inlay hints, where the client has them (0.10+)
if vim.lsp.inlay_hint and vim.lsp.inlay_hint.get then
  vim.lsp.inlay_hint.enable(true, { bufnr = buf })
  local labels
  wait_for('inlay_hints', function()
    labels = {}
    for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
      local l = h.inlay_hint.label
      if type(l) == 'table' then l = table.concat(vim.tbl_map(function(p) return p.value end, l)) end
      labels[#labels + 1] = l
    end
    return has(labels, expect.inlay_hint)
  end, 'the inlay hint ' .. expect.inlay_hint)
  pass('inlay_hints', { labels = labels })
else
  emit({ check = 'inlay_hints', skipped = 'this Neovim has no inlay hint client' })
end

-- 4. the quick fix, through vim.lsp.buf.code_action() and vim.ui.select as a user picks it
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  if code == expect.fix_code then target = d end
end
vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col + 1 })
local offered
vim.ui.select = function(items, opts, on_choice)
  offered = {}
  for i, item in ipairs(items) do
    local title = opts.format_item and opts.format_item(item) or tostring(item)
    offered[#offered + 1] = title
    if title:find(expect.fix_title, 1, true) then return on_choice(item, i) end
  end
  on_choice(nil, nil)
end
local before = diag_changes
vim.lsp.buf.code_action()
local fixed_line = function() return vim.api.nvim_buf_get_lines(buf, expect.fix_line, expect.fix_line + 1, false)[1] end
wait_for('quick_fix', function() return fixed_line() == expect.fix_result end, 'the quick fix to change line ' .. expect.fix_line)
pass('quick_fix', { offered = offered, line = fixed_line() })
wait_for('quick_fix', function() return diag_changes > before and not has(codes(), expect.fix_code) end,
  'the diagnostics to drop ' .. expect.fix_code)
pass('diagnostics_after_fix', { codes = codes() })

-- 5. an edit: type a dateline; the missing-dateline diagnostic goes away
before = diag_changes
vim.api.nvim_buf_set_lines(buf, expect.edit_line, expect.edit_line + 1, false, { expect.edit_text })
wait_for('edit', function() return diag_changes > before and not has(codes(), 'missing-dateline') end,
  'the diagnostics to drop missing-dateline')
pass('diagnostics_after_edit', { codes = codes() })
emit({ check = 'done', ok = true })
finish(0)
