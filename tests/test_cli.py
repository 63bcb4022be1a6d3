"""The `semdpa` command line, run in-process with click's CliRunner (fake model)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from semdpa.cli import main

from .conftest import REFERENCE, SEEDS, seed


@pytest.fixture
def run(index_dir):
    runner = CliRunner()

    def _run(*args, index=True):
        extra = ["--index", str(index_dir)] if index else []
        return runner.invoke(main, [*args, *extra], catch_exceptions=False)

    return _run


def test_every_command_has_help():
    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_index_prints_a_line_per_file_and_json_counts(run, index_dir):
    from semdpa.ingest import read_document
    from semdpa.segment import segment_clauses

    count = len(segment_clauses(read_document(REFERENCE)))
    result = run("index", str(REFERENCE), "--reference")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"indexed    {REFERENCE.name}  ({count} clauses)",
        f"{index_dir}/: 1 documents, {count} clauses",
    ]
    result = run("index", str(seed("003")), str(REFERENCE), "--json")
    summary = json.loads(result.output)
    assert result.exit_code == 0
    assert summary["documents"] == 2
    assert [f["status"] for f in summary["files"]] == ["indexed", "unchanged"]
    assert summary["clauses"] == sum(f["clauses"] for f in summary["files"])


def test_index_reports_bad_files_and_exits_1(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(bytes(range(256)) * 8)
    result = run("index", str(seed("004")), str(empty), str(noise))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {empty}: file is empty", f"error: {noise}: not a PDF file (no %PDF header)"]
    assert "indexed    004_2976386c00bad38d.txt" in result.output
    assert "Traceback" not in result.output


def test_index_without_files_is_a_usage_error(run):
    result = run("index")
    assert result.exit_code == 2 and "give at least one file to index" in result.output


def test_search_json_and_text(run):
    run("index", *map(str, SEEDS))
    result = run("search", "subverwerker bezwaar binnen 5 werkdagen", "--top-k", "3", "--json")
    hits = json.loads(result.output)
    assert result.exit_code == 0 and len(hits) == 3
    assert set(hits[0]) >= {"document", "clause_id", "heading", "page", "text", "score"}
    assert (hits[0]["document"], hits[0]["clause_id"]) == ("000_c5e75a4ec2c30dd9.txt", "6.1")
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]

    text = run("search", "subverwerker bezwaar binnen 5 werkdagen", "-k", "1", "--document", "000_c5e75a4ec2c30dd9")
    assert text.output.startswith("1. 000_c5e75a4ec2c30dd9.txt  6.1  p.1  score ")
    assert "   Artikel 6. Derden en onderaannemers" in text.output


def test_list_names_documents_analysed_by_an_older_semdpa(run, monkeypatch):
    import semdpa.library as library_module

    run("index", str(seed("004")))
    assert "older semdpa" not in run("list").output
    monkeypatch.setattr(library_module, "analysis_version", lambda: "newer")
    assert run("list").output.splitlines()[-1] == \
        "1 analysed by an older semdpa; index their files again to refresh: 004_2976386c00bad38d.txt"
    run("index", str(seed("004")))
    assert "older semdpa" not in run("list").output


def test_an_empty_search_text_is_an_error(run):
    run("index", str(seed("004")))
    result = run("search", "  ")
    assert result.exit_code == 1 and result.output == "Error: the search text is empty: give a clause or a question\n"


def test_search_document_filter(run):
    run("index", *map(str, SEEDS))
    hits = json.loads(run("search", "aansprakelijkheid", "-k", "10", "-d", "004_2976386c00bad38d.txt", "--json").output)
    assert hits and {h["document"] for h in hits} == {"004_2976386c00bad38d.txt"}


def test_list_and_remove(run, index_dir):
    run("index", str(REFERENCE), "--reference")
    run("index", str(seed("001")))
    listing = run("list").output.splitlines()
    assert listing[0].startswith("001_3f7f4f0d58ab4a76.txt  nl  ") and " vendor " in listing[0]
    assert listing[1].startswith("002_f84dbcb6768b8ce2.txt  nl  ") and " reference " in listing[1]
    assert listing[2] == f"{index_dir}/: 2 documents, 137 clauses, exact search, model fake"
    documents = json.loads(run("list", "--json").output)
    assert [d["reference"] for d in documents] == [False, True]
    result = run("remove", "001_3f7f4f0d58ab4a76")
    assert result.exit_code == 0 and result.output.startswith("removed 001_3f7f4f0d58ab4a76.txt (")
    assert [d["name"] for d in json.loads(run("list", "--json").output)] == [REFERENCE.name]


@pytest.mark.parametrize("args, message", [
    (("search", "datalek"), "no index at"),
    (("list",), "no index at"),
    (("remove", "x"), "no index at"),
])
def test_no_index_yet(run, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_other_model_and_unknown_document_are_one_line_errors(run, index_dir):
    run("index", str(seed("003")))
    result = CliRunner().invoke(main, ["search", "x", "--index", str(index_dir), "--model", "fake-64"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {index_dir}/ was built with model 'fake', not 'fake-64': use --model 'fake' "
        "(or SEMDPA_MODEL), or another --index directory"
    )
    result = run("remove", "nope")
    assert result.exit_code == 1 and result.output.startswith("Error: no document 'nope' in ")


def test_index_directory_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SEMDPA_INDEX", str(tmp_path / "from-env"))
    result = CliRunner().invoke(main, ["index", str(seed("003"))])
    assert result.exit_code == 0 and (tmp_path / "from-env" / "CURRENT").exists()


def test_console_script_runs_without_gradio_and_without_traceback(tmp_path):
    code = (
        "import sys; from semdpa.cli import main\n"
        "try:\n    main(['search', 'x', '--index', sys.argv[1]])\n"
        "except SystemExit as e:\n"
        "    assert 'gradio' not in sys.modules, 'the CLI imported gradio'\n    raise\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "none")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"Error: no index at {tmp_path / 'none'}/ yet: run 'semdpa index FILE...' first"


def test_an_unexpected_error_is_one_line_not_a_traceback(run, monkeypatch):
    from semdpa import library

    def broken(self, *args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(library.Library, "documents", broken)
    result = run("list")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: internal error (ZeroDivisionError: division by zero); run again with SEMDPA_DEBUG=1 for details")


def test_max_size_option(run, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Artikel 1. Tekst\n\n1. " + "woord " * 400_000)
    result = run("index", str(big), "--max-size", "1")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"error: {big}: file is 2.4 MB, over the 1 MB limit"


def test_an_unknown_backend_is_a_one_line_error(run, monkeypatch):
    monkeypatch.setenv("SEMDPA_BACKEND", "gpu")
    result = run("index", str(seed("003")), "--model", "default")
    assert result.exit_code != 0
    assert result.output.strip() == "Error: unknown SEMDPA_BACKEND 'gpu' (use one of: auto, openvino-int8, openvino, onnxruntime, torch)"
