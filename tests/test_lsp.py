"""`kerlint server`, driven over stdio by a real LSP client (pytest-lsp, itself a pygls client).

The server is started with SERVER_COMMAND — the exact command the README's editor snippets give — from
this venv's bin/. Each test: initialize (with the capabilities a real editor sends), open a document or a
notebook, read the published diagnostics, ask for code actions / hover, apply the returned edits as the
editor would (didChange), read the new diagnostics, shut down.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from kerlint.catalogue import rule_url  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SERVER_COMMAND = ["kerlint", "server"]  # what the README tells editors to run
BIN = Path(sys.executable).parent
README = (Path(__file__).resolve().parent.parent / "README.md").read_text()

aio = pytest.mark.asyncio(loop_scope="function")
EDITORS = ("visual-studio-code", "neovim", "emacs")  # the capabilities these editors really send

SCRIPT = textwrap.dedent("""\
    from tensorflow import keras
    from tensorflow.keras import layers

    model = keras.Sequential([
        keras.Input(shape=(32,)),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(lr=0.001), loss="categorical_crossentropy")
    model.fit(x, y, epochs=20, validation_split=0.2)
    """)


CONFIG = ClientServerConfig(server_command=[str(BIN / SERVER_COMMAND[0]), *SERVER_COMMAND[1:]])


async def _session(lsp_client: LanguageClient, tmp_path, editor: str):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(editor), root_uri=tmp_path.as_uri(),
        initialization_options={"debounce": 0.05}))
    assert result.server_info.name == "kerlint"
    return result


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, tmp_path):
    await _session(lsp_client, tmp_path, "visual-studio-code")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, params=EDITORS)
async def editor_client(lsp_client: LanguageClient, tmp_path, request):
    lsp_client.editor = request.param
    await _session(lsp_client, tmp_path, request.param)
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, timeout: float = 30.0) -> list[types.Diagnostic]:
    """Wait for the next diagnostics published for `uri` (the caller pops the old ones first)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while uri not in client.diagnostics:
        if loop.time() > deadline:
            raise AssertionError(f"no diagnostics published for {uri} within {timeout} s")
        await asyncio.sleep(0.02)
    return list(client.diagnostics.pop(uri))


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=version, text=text)))
    return uri


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (ASCII text: UTF-16 units are characters) as an editor does."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(p: types.Position) -> int:
        return min(starts[p.line] + p.character if p.line < len(starts) else len(text), len(text))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def code_actions(client: LanguageClient, uri: str, rng: types.Range, diagnostics, only=None):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
        context=types.CodeActionContext(diagnostics=diagnostics, only=only)))


def by_code(diagnostics) -> dict[str, types.Diagnostic]:
    return {d.code: d for d in diagnostics}


@aio
async def test_open_publishes_codes_ranges_severities_and_rule_links(editor_client: LanguageClient, tmp_path):
    client = editor_client
    uri = open_document(client, tmp_path / "model.py", SCRIPT)
    found = by_code(await diagnostics_for(client, uri))
    assert set(found) == {"KL101", "KL504"}
    kl101, kl504 = found["KL101"], found["KL504"]
    # the first sigmoid layer (line 6, column 5 in kerlint's 1-based terms) to the end of its call
    assert kl101.range == types.Range(types.Position(5, 4), types.Position(5, 42))
    start = SCRIPT.splitlines()[10].index("lr=0.001")  # the argument
    assert kl504.range == types.Range(types.Position(10, start), types.Position(10, start + len("lr=0.001")))
    assert kl504.severity == types.DiagnosticSeverity.Error and kl101.severity == types.DiagnosticSeverity.Warning
    assert kl504.code_description.href == rule_url("KL504") and kl504.source == "kerlint"
    # the server asks editors that can watch files to watch the config files (its own stat check
    # before each lint reloads the settings for the others)
    globs = [w["globPattern"] for r in client.registrations for w in r.register_options["watchers"]]
    if client.capabilities.workspace.did_change_watched_files.dynamic_registration:
        assert "**/pyproject.toml" in globs and "**/kerlint.toml" in globs
    else:
        assert globs == []


@aio
async def test_safe_fix_is_the_preferred_quick_fix_and_makes_the_finding_disappear(client, tmp_path):
    uri = open_document(client, tmp_path / "model.py", SCRIPT)
    kl504 = by_code(await diagnostics_for(client, uri))["KL504"]
    actions = await code_actions(client, uri, kl504.range, [kl504])
    fixes = [a for a in actions if a.is_preferred]
    assert len(fixes) == 1 and "KL504" in fixes[0].title and fixes[0].kind == types.CodeActionKind.QuickFix
    fixed = apply(SCRIPT, fixes[0].edit.changes[uri])
    assert "Adam(learning_rate=0.001)" in fixed
    change(client, uri, fixed, version=2)
    assert set(by_code(await diagnostics_for(client, uri))) == {"KL101"}


@aio
async def test_unsafe_fix_is_labelled_and_noqa_suppresses(client, tmp_path):
    uri = open_document(client, tmp_path / "model.py", SCRIPT)
    kl101 = by_code(await diagnostics_for(client, uri))["KL101"]
    actions = await code_actions(client, uri, kl101.range, [kl101])
    titles = [a.title for a in actions]
    unsafe = [a for a in actions if "unsafe" in a.title]
    assert unsafe and not any(a.is_preferred for a in unsafe), titles
    noqa = [a for a in actions if "# noqa: KL101" in a.title]
    assert len(noqa) == 1, titles
    suppressed = apply(SCRIPT, noqa[0].edit.changes[uri])
    assert "model = keras.Sequential([  # noqa: KL101\n" in suppressed  # the statement's first line
    change(client, uri, suppressed, version=2)
    assert set(by_code(await diagnostics_for(client, uri))) == {"KL504"}
    fixed = apply(SCRIPT, unsafe[0].edit.changes[uri])
    change(client, uri, fixed, version=3)
    assert "KL101" not in by_code(await diagnostics_for(client, uri))


@aio
async def test_fix_all_safe_and_hover(client, tmp_path):
    uri = open_document(client, tmp_path / "model.py", SCRIPT)
    found = by_code(await diagnostics_for(client, uri))
    whole = types.Range(types.Position(0, 0), types.Position(12, 0))
    actions = await code_actions(client, uri, whole, [], only=[types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in actions] == ["source.fixAll.kerlint"]
    fixed = apply(SCRIPT, actions[0].edit.changes[uri])
    assert "learning_rate=0.001" in fixed and 'activation="sigmoid"' in fixed  # the unsafe fix is not applied
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=found["KL504"].range.start))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "removed-lr-argument (KL504)" in hover.contents.value and rule_url("KL504") in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 0)))
    assert nothing is None


@aio
async def test_typing_is_debounced_and_the_last_version_wins(client, tmp_path):
    uri = open_document(client, tmp_path / "model.py", SCRIPT)
    await diagnostics_for(client, uri)
    broken = SCRIPT.replace("model.fit(", "model.fit((")
    change(client, uri, broken, version=2)  # a syntax error, replaced before the debounce runs out
    change(client, uri, SCRIPT.replace("lr=", "learning_rate="), version=3)
    assert set(by_code(await diagnostics_for(client, uri))) == {"KL101"}
    await asyncio.sleep(0.3)
    assert uri not in client.diagnostics  # version 2 was never linted nor published


@aio
async def test_a_long_lint_runs_off_the_protocol_loop(client, tmp_path):
    small = open_document(client, tmp_path / "small.py", SCRIPT)
    kl504 = by_code(await diagnostics_for(client, small))["KL504"]
    big_text = "from tensorflow import keras\nfrom tensorflow.keras import layers\n" + "".join(
        f"m{i} = keras.Sequential([keras.Input(shape=(32,)), layers.Dense(64, activation='sigmoid'), "
        f"layers.Dense(64, activation='sigmoid'), layers.Dense(10, activation='softmax')])\n"
        f"m{i}.compile(optimizer='adam', loss='mse')\nm{i}.fit(x, y, epochs=3)\n" for i in range(300))
    big = open_document(client, tmp_path / "big.py", big_text)  # seconds of linting in the worker thread
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=small), position=kl504.range.start))
    assert "KL504" in hover.contents.value
    assert big not in client.diagnostics  # answered while the big file was still being linted
    assert len(await diagnostics_for(client, big, timeout=120)) == 600  # KL101 and KL303 for each model


@aio
async def test_configuration_is_found_per_file_and_reloaded_when_it_changes(client, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    config = project / "pyproject.toml"
    config.write_text('[tool.kerlint]\nignore = ["KL101"]\n')
    uri = open_document(client, project / "model.py", SCRIPT)
    other = open_document(client, tmp_path / "elsewhere.py", SCRIPT)  # not under the project's config
    assert set(by_code(await diagnostics_for(client, uri))) == {"KL504"}
    assert set(by_code(await diagnostics_for(client, other))) == {"KL101", "KL504"}
    config.write_text('[tool.kerlint]\nignore = ["KL504"]\n')
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    assert set(by_code(await diagnostics_for(client, uri))) == {"KL101"}
    config.write_text('[tool.kerlint]\nignore = ["KL5"]\nselect = "oops"\n')
    change(client, uri, SCRIPT, version=2)
    diagnostics = await diagnostics_for(client, uri)
    assert any(d.code is None and "configuration error" in d.message for d in diagnostics)
    assert {"KL101", "KL504"} <= {d.code for d in diagnostics}  # linted with the defaults meanwhile


@aio
async def test_ranges_are_in_utf16_units_and_other_languages_are_not_linted(client, tmp_path):
    text = 'from tensorflow import keras\nopt = keras.optimizers.Adam(name="😀é", lr=0.001)\n'
    uri = open_document(client, tmp_path / "emoji.py", text)
    (kl504,) = await diagnostics_for(client, uri)
    line = text.splitlines()[1]
    prefix = line[: line.index("lr=")]
    assert kl504.range.start == types.Position(1, len(prefix.encode("utf-16-le")) // 2)  # the emoji counts 2
    assert kl504.range.start.character == len(prefix) + 1
    readme = tmp_path / "notes.md"
    readme.write_text("opt = keras.optimizers.Adam(lr=0.001)\n")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=readme.as_uri(), language_id="markdown", version=1, text=readme.read_text())))
    change(client, uri, text.replace("lr=", "learning_rate="), version=2)
    assert await diagnostics_for(client, uri) == []
    assert readme.as_uri() not in client.diagnostics  # linted in order: the markdown one got nothing


@aio
async def test_excluded_and_per_file_ignored_files_and_a_saved_config(client, tmp_path):
    config = tmp_path / "kerlint.toml"
    config.write_text('exclude = ["generated"]\n[per-file-ignores]\n"tests/*" = ["KL5"]\n')
    for folder in ("generated", "tests"):
        (tmp_path / folder).mkdir()
    excluded = open_document(client, tmp_path / "generated" / "model.py", SCRIPT)
    ignored = open_document(client, tmp_path / "tests" / "test_model.py", SCRIPT)
    assert await diagnostics_for(client, excluded) == []
    assert set(by_code(await diagnostics_for(client, ignored))) == {"KL101"}
    config.write_text('exclude = []\n')
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    assert set(by_code(await diagnostics_for(client, excluded))) == {"KL101", "KL504"}
    assert set(by_code(await diagnostics_for(client, ignored))) == {"KL101", "KL504"}


NOTEBOOK_CELLS = [
    (types.NotebookCellKind.Markup, "# Training\n"),
    (types.NotebookCellKind.Code, "from tensorflow import keras\nopt = keras.optimizers.Adam(lr=0.001)\n"),
    (types.NotebookCellKind.Code, "%matplotlib inline\nmodel = keras.Sequential([keras.layers.Dense(1)])\n"
                                  "model.compile(optimizer=opt, loss='mse')\nmodel.fit(x, y, epochs=20)\n"),
]


@aio
async def test_notebooks_are_linted_whole_and_published_per_cell(client, tmp_path):
    nb_uri = (tmp_path / "train.ipynb").as_uri()
    cells = [(f"{nb_uri}#cell{i}", kind, text) for i, (kind, text) in enumerate(NOTEBOOK_CELLS)]
    client.notebook_document_did_open(types.DidOpenNotebookDocumentParams(
        notebook_document=types.NotebookDocument(
            uri=nb_uri, notebook_type="jupyter-notebook", version=1,
            cells=[types.NotebookCell(kind=kind, document=uri) for uri, kind, _ in cells]),
        cell_text_documents=[types.TextDocumentItem(uri=uri, language_id="python" if kind == 2 else "markdown",
                                                    version=1, text=text) for uri, kind, text in cells]))
    first = by_code(await diagnostics_for(client, cells[1][0]))
    second = by_code(await diagnostics_for(client, cells[2][0]))
    assert set(first) == {"KL504"} and set(second) == {"KL303"}
    assert first["KL504"].range.start == types.Position(1, 28)  # rows of the cell, not of the notebook
    assert second["KL303"].range.start.line == 3
    actions = await code_actions(client, cells[1][0], first["KL504"].range, [first["KL504"]])
    fix = next(a for a in actions if a.is_preferred)
    assert list(fix.edit.changes) == [cells[1][0]]
    fixed = apply(cells[1][2], fix.edit.changes[cells[1][0]])
    client.notebook_document_did_change(types.DidChangeNotebookDocumentParams(
        notebook_document=types.VersionedNotebookDocumentIdentifier(uri=nb_uri, version=2),
        change=types.NotebookDocumentChangeEvent(cells=types.NotebookDocumentCellChanges(
            text_content=[types.NotebookDocumentCellContentChanges(
                document=types.VersionedTextDocumentIdentifier(uri=cells[1][0], version=2),
                changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)])]))))
    assert await diagnostics_for(client, cells[1][0]) == []
    assert set(by_code(await diagnostics_for(client, cells[2][0]))) == {"KL303"}


def test_readme_editor_snippets_run_the_command_these_tests_start():
    section = README.split("## Editors", 1)[1].split("\n## ", 1)[0]
    blocks = dict(re.findall(r"```(\w+)\n(.*?)```", section, re.S))
    assert set(blocks) == {"json", "lua", "toml", "elisp"}  # VS Code, Neovim, Helix, Emacs
    vscode = json.loads(blocks["json"])
    assert [vscode["glspc.serverPath"], *vscode["glspc.serverArgs"]] == SERVER_COMMAND
    assert re.search(r"cmd = \{ (.*?) \}", blocks["lua"]).group(1) == ", ".join(f'"{a}"' for a in SERVER_COMMAND)
    helix = tomllib.loads(blocks["toml"])["language-server"]["kerlint"]
    assert [helix["command"], *helix["args"]] == SERVER_COMMAND
    assert re.search(r'\. \((".*?")\)\)', blocks["elisp"]).group(1) == " ".join(f'"{a}"' for a in SERVER_COMMAND)


def test_check_and_add_noqa_never_import_pygls(tmp_path):
    import subprocess

    target = tmp_path / "m.py"
    target.write_text(SCRIPT)
    script = textwrap.dedent(f"""\
        import sys
        from kerlint.cli import main
        for args in (["--help"], ["check", "--isolated", "--exit-zero", {str(target)!r}],
                     ["check", "--isolated", "--add-noqa", {str(target)!r}], ["rule", "KL101", "--format", "json"]):
            try:
                main(args)
            except SystemExit:
                pass
        print("LOADED", sorted(m for m in sys.modules if m.split(".")[0] in ("pygls", "lsprotocol")
                               or m.startswith("kerlint.lsp")))
        """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "LOADED []" in out.stdout, out.stdout + out.stderr
    assert "# noqa: KL101" in target.read_text()  # the run really linted and wrote
