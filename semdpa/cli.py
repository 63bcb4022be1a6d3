"""`semdpa`: the command line. Commands parse, call the library and print; domain errors
become one-line messages and a non-zero exit, never a traceback. Gradio is never imported.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path

import click

from .errors import SemdpaError

INDEX_OPTION = click.option(
    "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), envvar="SEMDPA_INDEX",
    default="index", show_default=True, show_envvar=True, help="Index directory.",
)
MODEL_OPTION = click.option(
    "--model", envvar="SEMDPA_MODEL", default=None, show_envvar=True,
    help="Sentence-transformers model name or path (default: the bundled all-MiniLM-L6-v2).",
)


def _library(index_dir: Path, model: str | None):
    from .library import Library

    return Library(index_dir, model=model)


class _Group(click.Group):
    """Turns every `SemdpaError` (and an interrupted run) into a clean one-line failure."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SemdpaError as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            click.echo("interrupted; the index is unchanged unless a write had finished", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as error:  # a bug: still one line for the user, the trace on request
            if os.environ.get("SEMDPA_DEBUG"):
                raise
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise click.ClickException(
                f"internal error ({type(error).__name__}: {first[:200]}); run again with SEMDPA_DEBUG=1 for details"
            ) from None


@click.group(cls=_Group)
@click.version_option(package_name="semdpa")
def main() -> None:
    """Compare data processing agreements (verwerkersovereenkomsten) clause by clause, offline."""


@main.command("index")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@INDEX_OPTION
@MODEL_OPTION
@click.option("--reference/--no-reference", default=None, help="Mark the documents as reference DPAs (or not).")
@click.option("--password", default=None, help="Password of encrypted PDFs.")
@click.option("--rebuild", is_flag=True, help="Start a fresh index from FILES (also repairs a corrupt index).")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=50.0, show_default=True, envvar="SEMDPA_MAX_MB",
              show_envvar=True, help="Largest file accepted, in MB.")
@click.option("--lock-timeout", type=click.FloatRange(min=0), default=600.0, show_default=True,
              help="Seconds to wait for another semdpa process writing the same index.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
def index_command(files, index_dir, model, reference, password, rebuild, max_size, lock_timeout, as_json):
    """Read, segment, embed and store FILES (.txt .md .pdf .docx).

    Unchanged files (same SHA-256) are skipped; a changed file replaces its old clauses.
    Bad files are reported one line each; the others are still indexed (exit status 1).
    """
    if not files:
        raise click.UsageError("give at least one file to index")
    library = _library(index_dir, model)
    library.max_bytes = int(max_size * 1_000_000)
    report = library.add_files(
        files, reference=reference, password=password, rebuild=rebuild, progress=not as_json, lock_timeout=lock_timeout,
        on_wait=lambda: click.echo(f"waiting for another semdpa process to finish writing {index_dir}/ ...", err=True),
    )
    for outcome in report.failed:
        click.echo(f"error: {outcome.error}", err=True)
    if as_json:
        click.echo(json.dumps({
            "documents": report.documents,
            "clauses": report.clauses,
            "files": [asdict(o) for o in report.outcomes],
        }, indent=2, ensure_ascii=False))
    else:
        for outcome in report.outcomes:
            if outcome.status != "error":
                click.echo(f"{outcome.status:9}  {outcome.document}  ({outcome.clauses} clauses)")
        click.echo(f"{index_dir}/: {report.documents} documents, {report.clauses} clauses")
    if report.failed:
        sys.exit(1)


@main.command("search")
@click.argument("text")
@INDEX_OPTION
@MODEL_OPTION
@click.option("--top-k", "-k", default=5, show_default=True, type=click.IntRange(1, 1000), help="How many clauses.")
@click.option("--document", "-d", multiple=True, help="Only this document (name or stem); repeatable.")
@click.option("--topic", "-t", multiple=True, help="Only clauses of this DPA topic (e.g. breach, audit); repeatable.")
@click.option("--language", type=click.Choice(["nl", "en"]), multiple=True, help="Only documents in this language.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
def search_command(text, index_dir, model, top_k, document, topic, language, as_json):
    """Find the clauses closest to TEXT (a clause or a question, Dutch or English)."""
    if not text.strip():  # the library answers an empty query with no clauses; a user typed nothing
        raise SemdpaError("the search text is empty: give a clause or a question")
    library = _library(index_dir, model)
    results = library.search(text, top_k=top_k, document=list(document) or None, topics=list(topic) or None,
                             languages=list(language) or None)
    if as_json:
        click.echo(json.dumps([r._asdict() for r in results], indent=2, ensure_ascii=False))
        return
    if not results:
        click.echo("no clauses found")
    for rank, r in enumerate(results, start=1):
        click.echo(f"{rank}. {r.document}  {r.clause_id}  p.{r.page}  score {r.score:.3f}")
        if r.heading:
            click.echo(f"   {r.heading}")
        body = r.text if len(r.text) <= 400 else r.text[:400].rsplit(" ", 1)[0] + " ..."
        click.echo(textwrap.indent(textwrap.fill(body, 96), "   "))


@main.command("compare")
@click.argument("vendors", nargs=-1, required=True)
@click.option("--reference", "-r", required=True, help="Reference DPA: a file or the name of an indexed document.")
@INDEX_OPTION
@MODEL_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "md", "csv"]), default="text",
              show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@click.option("--password", default=None, help="Password of encrypted PDFs.")
@click.option("--severity", type=click.Path(exists=True, dir_okay=False), envvar="SEMDPA_SEVERITY",
              help="Your own severity table (YAML, like semdpa/severity.yaml).")
def compare_command(vendors, reference, index_dir, model, fmt, output, password, severity):
    """Compare each VENDOR DPA (a file or an indexed name) with the reference DPA.

    Every vendor clause is aligned to its closest reference clauses; topics are compared on
    their terms (deadlines, caps, periods, who pays, which law) with a severity; the GDPR
    Art. 28 checklist is filled in. Several vendors give a portfolio summary first.
    Files are indexed on the fly; a file already in the index reuses its stored embeddings.
    """
    from .report import render

    library = _library(index_dir, model)
    comparisons = [library.compare(v, reference, password=password, severity=severity) for v in vendors]
    _write(render(comparisons, fmt), output)


def _write(body: str, output: Path | None) -> None:
    if output is None:
        click.echo(body)
        return
    try:
        output.write_text(body + "\n", encoding="utf-8")
    except OSError as error:
        raise SemdpaError(f"{output}: cannot write ({error.strerror or error})") from None
    click.echo(f"wrote {output}", err=True)


@main.command("list")
@INDEX_OPTION
@MODEL_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_command(index_dir, model, as_json):
    """The documents in the index."""
    library = _library(index_dir, model)
    documents = library.documents()
    if as_json:
        click.echo(json.dumps([asdict(d) for d in documents], indent=2, ensure_ascii=False))
        return
    if not documents:
        click.echo("the index is empty")
    for d in documents:
        mark = "reference" if d.reference else "vendor"
        click.echo(f"{d.name}  {d.language}  {d.clause_count} clauses  {mark}  added {d.added}")
    manifest = library.store().manifest
    ann = manifest.get("ann")
    search_kind = (f"approximate search (IVF, {ann['cells']:,} cells, nprobe {ann['nprobe']})" if ann
                   else "exact search")
    click.echo(f"{library.directory}/: {len(documents)} documents, {sum(d.clause_count for d in documents):,} clauses, "
               f"{search_kind}, model {manifest['model']['name']}")
    stale = library.stale_documents()
    if stale:
        click.echo(f"{len(stale)} analysed by an older semdpa; index their files again to refresh: {', '.join(stale)}")


@main.command("remove")
@click.argument("name")
@INDEX_OPTION
@MODEL_OPTION
def remove_command(name, index_dir, model):
    """Remove document NAME (file name or its stem) from the index."""
    document = _library(index_dir, model).remove(name)
    click.echo(f"removed {document.name} ({document.clause_count} clauses)")


if __name__ == "__main__":  # pragma: no cover
    main()
