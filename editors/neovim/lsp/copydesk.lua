-- copydesk for Neovim 0.11+: picked up by `vim.lsp.enable('copydesk')` from any 'runtimepath' entry.
-- Change any field with `vim.lsp.config('copydesk', { ... })` before enabling.
---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- A draft is usually a lone file: the root is only where the client reports it, never required.
  root_markers = { '.git' },
  -- Neovim sends the filetype as the languageId; the server calls plain text `plaintext`.
  get_language_id = function(_, filetype)
    return filetype == 'text' and 'plaintext' or filetype
  end,
  -- Sent on workspace/configuration (section `copydesk`). Keys: `rules` (code -> error, warning,
  -- info, hint or off), `dateline` (auto, required or off), `languages` (extra languageIds).
  settings = { copydesk = {} },
}
