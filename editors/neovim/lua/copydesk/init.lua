-- copydesk for Neovim 0.7 to 0.10 (and 0.11+, where it defers to vim.lsp.config/enable).
--   require('copydesk').setup{}                      -- text and markdown buffers
--   require('copydesk').setup{ settings = { copydesk = { dateline = 'required' } } }
local M = {}

local defaults = {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.git' },
  settings = { copydesk = {} },
}

local function language_id(_, filetype)
  return filetype == 'text' and 'plaintext' or filetype
end

-- The nearest folder holding a root marker, else the file's own folder.
local function root_dir(bufnr, markers)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  for _, marker in ipairs(markers) do
    local found = vim.fn.finddir(marker, dir .. ';')
    if found == '' then found = vim.fn.findfile(marker, dir .. ';') end
    if found ~= '' then return vim.fn.fnamemodify(found, ':p:h:h') end
  end
  return dir
end

-- 0.7 has no vim.lsp.start: keep one client per root and attach buffers to it.
local clients_by_root = {}
local function start_07(config, bufnr)
  local id = clients_by_root[config.root_dir]
  if not (id and vim.lsp.get_client_by_id(id)) then
    id = vim.lsp.start_client(config)
    clients_by_root[config.root_dir] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

--- Starts copydesk on the buffers of `opts.filetypes`. Any other field is passed to the client
--- (cmd, settings, on_attach, capabilities, init_options, ...).
function M.setup(opts)
  opts = vim.tbl_deep_extend('force', {}, defaults, opts or {})
  if vim.fn.executable(opts.cmd[1]) == 0 then
    vim.notify('copydesk: `' .. opts.cmd[1] .. '` is not on PATH; set cmd in setup{}', vim.log.levels.WARN)
  end
  if vim.lsp.config and vim.lsp.enable then        -- 0.11+: the native way
    local config = vim.tbl_extend('force', {}, opts, { get_language_id = language_id })
    vim.lsp.config('copydesk', config)
    vim.lsp.enable('copydesk')
    return
  end
  local group = vim.api.nvim_create_augroup('copydesk', { clear = true })
  local function attach(bufnr)
    if vim.bo[bufnr].buftype ~= '' then return end
    local config = vim.tbl_extend('force', {}, opts, {
      name = 'copydesk',
      root_dir = root_dir(bufnr, opts.root_markers),
      get_language_id = language_id,
    })
    config.filetypes, config.root_markers = nil, nil
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = bufnr })
    else
      start_07(config, bufnr)
    end
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args) attach(args.buf) end,
  })
  -- Buffers already open when setup{} runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr)
    end
  end
end

return M
