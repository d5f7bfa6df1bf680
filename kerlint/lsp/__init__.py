"""`kerlint server`: the language server (pygls + lsprotocol, the `lsp` extra).

- `kerlint.lsp.targets`: what is linted (a .py document, or a notebook's cells joined as
  kerlint.notebook joins them), through the engine's own `lint_unit` and the fix machinery; no LSP types.
- `kerlint.lsp.server`: the protocol: diagnostics (debounced, linted in a worker thread), code actions
  (each fix, `# noqa: CODE`, fix all safe), hover, configuration reloads, notebook document sync.
- `kerlint.lsp.cli`: the click command, imported only when `kerlint server` runs, so that `kerlint check`
  never imports pygls.
"""
