"""The kerlint language server (pygls 2.x + lsprotocol), started by `kerlint server` over stdio.

- Diagnostics on open, change and save, for Python documents and notebooks (notebook document sync:
  one notebook is one lint, its findings published per cell). A change is linted after a quiet
  `debounce` (0.3 s; `initializationOptions: {"debounce": seconds}`), in a worker thread, so the
  protocol loop keeps answering while a big file is linted; a result for a version the editor has
  already replaced is dropped. Each diagnostic carries the code, severity, range (in the client's
  position encoding) and `codeDescription.href` (the rule's page, kerlint.catalogue.rule_url).
- Code actions (computed in the lint thread too): each finding's fix (safe ones are preferred quick fixes; unsafe ones say so in their
  title), "suppress with `# noqa: CODE`" (kerlint.add_noqa, the directive `--add-noqa` writes), and
  "fix all safe" (`source.fixAll.kerlint`, the fixed point `kerlint check --fix` computes).
- Hover on a finding: its message and the rule's documentation (`kerlint rule CODE`).
- Settings are found per file as the CLI finds them (kerlint.config.SettingsResolver: the nearest
  pyproject.toml / kerlint.toml above the file). The config files above each linted file are stat-ed
  before every lint, and a change (or a `workspace/didChangeWatchedFiles` about one) drops the
  resolver and re-lints every open document. A broken config file is a diagnostic on line 1 and the
  file is linted with the defaults.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

import kerlint
from kerlint.catalogue import load_catalogue, rule_url
from kerlint.config import CONFIG_FILENAMES, ConfigError, Settings, SettingsResolver
from kerlint.lsp.targets import Cell, Result, Target, fix_all_safe, lint
from kerlint.violation import Applicability, Severity, Violation

log = logging.getLogger(__name__)

DEFAULT_DEBOUNCE = 0.3  # seconds without typing before a changed document is linted
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.kerlint"
SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.INFO: types.DiagnosticSeverity.Information}
UNSAFE_NOTE = "unsafe: changes the model or its training"


class KerlintServer(LanguageServer):
    def __init__(self):
        super().__init__(
            "kerlint", kerlint.__version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[types.NotebookDocumentFilterWithCells(
                    notebook="*", cells=[types.NotebookCellLanguage(language="python")])],
                save=True,
            ),
        )
        self.debounce = DEFAULT_DEBOUNCE
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kerlint-lint")
        self.resolver = SettingsResolver()
        self.config_stamps: dict[str, tuple] = {}  # config file candidates seen -> their stat
        self.results: dict[str, Result] = {}  # target uri -> the last published lint
        self.pending: dict[str, asyncio.Task] = {}
        self.published: dict[str, set[str]] = {}  # target uri -> uris it published diagnostics to

    # ---- what is open ---------------------------------------------------------------------------

    def target_uri(self, uri: str) -> str:
        """The uri linted for a document: its notebook's when it is a cell."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        return notebook.uri if notebook is not None else uri

    def snapshot(self, uri: str) -> Target | None:
        """The target's text as the editor holds it now (taken on the protocol loop)."""
        notebook = self.workspace.get_notebook_document(notebook_uri=uri)
        if notebook is not None:
            cells = []
            for cell in notebook.cells:
                code = cell.kind == types.NotebookCellKind.Code
                doc = self.workspace.text_documents.get(cell.document)
                if code and doc is not None and doc.language_id not in (None, "", "python"):
                    code = False  # a cell in another language is nothing kerlint can read
                cells.append(Cell(cell.document, code, doc.source if doc is not None else ""))
            versions = (notebook.version, tuple(self._version(c.uri) for c in cells))
            return Target(uri, self._path(uri, ".ipynb"), cells=tuple(cells), version=versions)
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return None
        path = self._path(uri, ".py")
        if doc.language_id not in (None, "", "python") and not path.endswith((".py", ".pyi")):
            return None  # not Python (an .ipynb opened as JSON text, a README...): nothing to lint
        return Target(uri, path, text=doc.source, version=doc.version)

    def _version(self, uri: str | None):
        doc = self.workspace.text_documents.get(uri) if uri else None
        return doc.version if doc is not None else None

    def _path(self, uri: str, suffix: str) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:  # an untitled buffer: the workspace's settings
            root = self.workspace.root_path or os.getcwd()
            path = os.path.join(root, f"untitled{suffix}")
        return path

    def open_targets(self) -> list[str]:
        cells = set()
        for notebook in self.workspace.notebook_documents.values():
            cells.update(c.document for c in notebook.cells)
        return sorted(set(self.workspace.notebook_documents) |
                      {uri for uri in self.workspace.text_documents if uri not in cells})

    # ---- settings -------------------------------------------------------------------------------

    def settings_for(self, path: str) -> tuple[Settings, str | None]:
        """(settings, a config error message or None). Reloads when a config file changed."""
        if self._configs_changed(os.path.dirname(os.path.abspath(path))):
            self.resolver = self.new_resolver()
        try:
            return self.resolver.for_path(path), None
        except ConfigError as exc:
            return Settings(), str(exc)

    def _configs_changed(self, directory: str) -> bool:
        changed = False
        while True:
            for name in CONFIG_FILENAMES:
                candidate = os.path.join(directory, name)
                try:
                    st = os.stat(candidate)
                    stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
                except OSError:
                    stamp = None
                if self.config_stamps.get(candidate, stamp) != stamp:
                    changed = True
                self.config_stamps[candidate] = stamp
            parent = os.path.dirname(directory)
            if parent == directory:
                return changed
            directory = parent

    def new_resolver(self) -> SettingsResolver:
        """Settings as `kerlint check` run from the workspace's root finds them."""
        root = self.workspace.root_path if self._workspace_ready() else None
        return SettingsResolver(cwd=root if root and os.path.isdir(root) else None)

    def _workspace_ready(self) -> bool:
        try:
            return self.workspace is not None
        except Exception:  # noqa: BLE001 - pygls raises before `initialize`
            return False

    def config_changed(self) -> None:
        self.resolver = self.new_resolver()
        for uri in self.open_targets():
            self.schedule(uri, delay=0)

    # ---- linting --------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint `uri` (a document or notebook) after `delay` seconds of quiet, replacing a pending lint."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(
            self._lint_later(uri, self.debounce if delay is None else delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            result = await self.lint_now(uri)
            if result is not None and self.is_current(result):
                self.publish(result)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a kerlint bug must never take the server down
            log.exception("linting %s failed", uri)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def lint_now(self, uri: str) -> Result | None:
        target = self.snapshot(uri)
        if target is None:
            return None
        settings, problem = self.settings_for(target.path)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(self.executor, self._lint, target, settings)
        result.config_problem = problem
        return result

    @staticmethod
    def _lint(target: Target, settings: Settings) -> Result:
        if settings.is_excluded(target.path):
            return Result(target, [], None, settings)  # excluded by the configuration: nothing to say
        return lint(target, settings)

    def is_current(self, result: Result) -> bool:
        now = self.snapshot(result.target.uri)
        return now is not None and now.version == result.target.version

    async def current_result(self, uri: str) -> Result | None:
        """The lint of what the editor holds now (linting again if the last one is stale)."""
        target_uri = self.target_uri(uri)
        result = self.results.get(target_uri)
        if result is None or not self.is_current(result):
            result = await self.lint_now(target_uri)
            if result is not None:
                self.publish(result)
        return result

    # ---- diagnostics ----------------------------------------------------------------------------

    def publish(self, result: Result) -> None:
        target = result.target
        self.results[target.uri] = result
        by_uri: dict[str, list[types.Diagnostic]] = {}
        if target.is_notebook:
            for cell in target.cells:
                if cell.uri and cell.code:
                    by_uri[cell.uri] = []
        else:
            by_uri[target.uri] = []
        problem = result.config_problem
        if problem:
            first = target.cells[0].uri if target.is_notebook and target.cells else target.uri
            by_uri.setdefault(first, []).append(types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=f"kerlint configuration error (linted with the defaults): {problem}",
                severity=types.DiagnosticSeverity.Error, source="kerlint"))
        for index, v in enumerate(result.violations):
            by_uri.setdefault(target.uri_of(v.cell), []).append(self.diagnostic(target, v, index))
        for stale in self.published.get(target.uri, set()) - set(by_uri):
            by_uri[stale] = []
        self.published[target.uri] = set(by_uri)
        for uri, diagnostics in by_uri.items():
            version = self._version(uri)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def to_range(self, target: Target, cell: int | None, start, end) -> types.Range:
        """kerlint's 1-based rows and code-point columns -> an LSP range in the client's encoding."""
        lines = target.lines(cell)
        codec = self.workspace.position_codec

        def position(p) -> types.Position:
            line = max(p.row - 1, 0)
            text = lines[line] if line < len(lines) else ""
            return types.Position(line, codec.client_num_units(text[: max(p.column - 1, 0)]))

        first, last = position(start), position(end)
        if (last.line, last.character) < (first.line, first.character):
            last = first
        return types.Range(first, last)

    def diagnostic(self, target: Target, v: Violation, index: int) -> types.Diagnostic:
        url = rule_url(v.code)
        return types.Diagnostic(
            range=self.to_range(target, v.cell, v.location, v.end_location),
            message=v.message, severity=SEVERITY[v.severity], code=v.code, source="kerlint",
            code_description=types.CodeDescription(href=url) if url else None,
            data={"index": index, "name": v.name, "fixable": v.fix is not None},
        )

    # ---- code actions ---------------------------------------------------------------------------

    def findings_in(self, result: Result, uri: str, rng: types.Range) -> list[tuple[int, Violation]]:
        """The findings of `uri` (a document or a cell) whose range touches `rng`."""
        target = result.target
        cell = target.cell_of(uri)
        out = []
        for index, v in enumerate(result.violations):
            if v.cell != cell:
                continue
            r = self.to_range(target, v.cell, v.location, v.end_location)
            if (r.start.line, r.start.character) <= (rng.end.line, rng.end.character) and \
                    (rng.start.line, rng.start.character) <= (r.end.line, r.end.character):
                out.append((index, v))
        return out

    def edit_for(self, target: Target, cell: int | None, edits) -> types.WorkspaceEdit:
        return types.WorkspaceEdit(changes={target.uri_of(cell): [
            types.TextEdit(range=self.to_range(target, cell, e.start, e.end), new_text=e.content) for e in edits]})

    def code_actions(self, result: Result, params: types.CodeActionParams) -> list[types.CodeAction]:
        from kerlint.add_noqa import plan

        target = result.target
        only = params.context.only
        wants_quickfix = not only or any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only)
        wants_fix_all = not only or any(FIX_ALL_KIND.startswith(k) for k in only)
        actions: list[types.CodeAction] = []
        findings = self.findings_in(result, params.text_document.uri, params.range) if wants_quickfix else []
        for index, v in findings:
            diagnostic = [self.diagnostic(target, v, index)]
            if v.fix is not None:
                safe = v.fix.applicability is Applicability.SAFE
                title = f"kerlint: {v.fix.message} ({v.code})" + ("" if safe else f" [{UNSAFE_NOTE}]")
                actions.append(types.CodeAction(
                    title=title, kind=types.CodeActionKind.QuickFix, diagnostics=diagnostic, is_preferred=safe,
                    edit=self.edit_for(target, v.cell, v.fix.edits)))
            if result.unit is not None:
                noqa = plan(result.unit, [v]).edits
                if noqa:
                    actions.append(types.CodeAction(
                        title=f"kerlint: suppress {v.code} with `# noqa: {v.code}`",
                        kind=types.CodeActionKind.QuickFix, diagnostics=diagnostic,
                        edit=self.edit_for(target, noqa[0].cell, [noqa[0].edit])))
        if wants_fix_all and any(v.fix is not None and v.fix.applicability is Applicability.SAFE
                                 for v in result.violations):
            parts = fix_all_safe(result)
            if parts:
                changes = {}
                for cell, text in parts.items():
                    lines = target.lines(cell)
                    end = types.Position(len(lines) - 1, self.workspace.position_codec.client_num_units(lines[-1]))
                    whole = types.Range(types.Position(0, 0), end)
                    changes[target.uri_of(cell)] = [types.TextEdit(range=whole, new_text=text)]
                actions.append(types.CodeAction(title="kerlint: fix all safe fixes", kind=FIX_ALL_KIND,
                                                edit=types.WorkspaceEdit(changes=changes)))
        return actions

    def hover(self, result: Result, params: types.HoverParams) -> types.Hover | None:
        pos = params.position
        hits = self.findings_in(result, params.text_document.uri, types.Range(pos, pos))
        if not hits:
            return None
        docs = load_catalogue()
        parts = []
        for _, v in hits:
            doc = docs.get(v.code)
            url = rule_url(v.code)
            head = f"**{v.code}** ({v.name}, {v.severity.label}): {v.message}"
            if url:
                head += f"\n\n[{v.code} documentation]({url})"
            parts.append(head + ("\n\n---\n\n" + doc.markdown() if doc else ""))
        _, first = hits[0]
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                           range=self.to_range(result.target, first.cell, first.location, first.end_location))


server = KerlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: KerlintServer, params: types.InitializeParams) -> None:
    ls.resolver = ls.new_resolver()
    options = params.initialization_options or {}
    if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(options["debounce"]))


@server.feature(types.INITIALIZED)
def initialized(ls: KerlintServer, params: types.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watch = caps.did_change_watched_files if caps else None
    if watch is not None and watch.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILENAMES]
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="kerlint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: KerlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(ls.target_uri(params.text_document.uri), delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: KerlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(ls.target_uri(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: KerlintServer, params: types.DidSaveTextDocumentParams) -> None:
    if os.path.basename(params.text_document.uri) in CONFIG_FILENAMES:
        ls.config_changed()
    else:
        ls.schedule(ls.target_uri(params.text_document.uri), delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: KerlintServer, params: types.DidCloseTextDocumentParams) -> None:
    _forget(ls, params.text_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def notebook_open(ls: KerlintServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri, delay=0)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
def notebook_change(ls: KerlintServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
def notebook_save(ls: KerlintServer, params: types.DidSaveNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri, delay=0)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def notebook_close(ls: KerlintServer, params: types.DidCloseNotebookDocumentParams) -> None:
    _forget(ls, params.notebook_document.uri)


def _forget(ls: KerlintServer, uri: str) -> None:
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.results.pop(uri, None)
    for published in sorted(ls.published.pop(uri, set())):
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=published, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched_files_changed(ls: KerlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(os.path.basename(change.uri) in CONFIG_FILENAMES for change in params.changes):
        ls.config_changed()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False))
async def code_action(ls: KerlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    result = await ls.current_result(params.text_document.uri)
    if result is None:
        return None
    # "fix all" re-lints to a fixed point: in the lint thread (the engine's caches are not shared
    # between threads, and the protocol loop keeps answering meanwhile)
    return await asyncio.get_running_loop().run_in_executor(ls.executor, ls.code_actions, result, params)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: KerlintServer, params: types.HoverParams) -> types.Hover | None:
    result = await ls.current_result(params.text_document.uri)
    return ls.hover(result, params) if result is not None else None


@server.feature(types.SHUTDOWN)
def shutdown(ls: KerlintServer, params: None) -> None:
    for task in ls.pending.values():
        task.cancel()
    ls.pending.clear()
    ls.executor.shutdown(wait=False, cancel_futures=True)


def run() -> None:
    server.start_io()
