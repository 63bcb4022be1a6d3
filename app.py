"""semdpa web app: builds the Gradio Blocks and wires them to `semdpa.library.Library`.

    python app.py [--host 127.0.0.1] [--port 7860] [--index index] [--model NAME] [--auth user:password]

Contracts are confidential: the app listens on loopback unless told otherwise (`--host`,
`GRADIO_SERVER_NAME`), Gradio's analytics are off (set before Gradio is imported), and a login
can be required (`--auth` or `SEMDPA_AUTH`). Named API endpoints: /search, /compare,
/documents, /add, /set_reference, /remove (for gradio_client).

Concurrency: lookups run up to 8 at a time; a comparison (CPU-heavy) one at a time in its own
queue, so lookups keep being answered while a comparison runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from semdpa.errors import SemdpaError  # noqa: E402
from semdpa.library import Library, default_index_dir  # noqa: E402
from semdpa.report import article_html, comparison_html_body, render, search_results_html  # noqa: E402
from semdpa.topics import TOPICS, topic_label  # noqa: E402

SEARCH_CONCURRENCY = 8
REPORT_FORMATS = ("html", "md", "csv", "json")
REPORT_MAX_AGE = 3600  # seconds a downloadable report is kept

CSS = """
.semdpa-result {border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; margin: 8px 0;}
.semdpa-meta {font-size: 0.9em; color: #57606a;}
.semdpa-heading {font-style: italic; color: #57606a; margin: 2px 0 6px;}
.semdpa-text mark, .semdpa-clause mark {background: #fff3a3; padding: 0 1px;}
.semdpa-clause {padding: 6px 8px; margin: 4px 0; border-left: 3px solid transparent;}
.semdpa-selected {border-left-color: #0969da; background: #f6f8fa;}
.semdpa-report table {border-collapse: collapse; width: 100%;}
.semdpa-report th, .semdpa-report td {border: 1px solid #d0d7de; padding: 4px 6px; vertical-align: top; text-align: left;}
.semdpa-report .sev {color: #fff; border-radius: 3px; padding: 0 6px; font-weight: 600;}
.semdpa-report .pair {display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 6px 0 12px;}
.semdpa-report .pair > div {border: 1px solid #d0d7de; border-radius: 4px; padding: 6px;}
.semdpa-report ins {background: #dafbe1; text-decoration: none;}
.semdpa-report del {background: #ffebe9; color: #82071e;}
.semdpa-report .note {background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: 6px 8px;}
"""
TOPIC_CHOICES = [(topic_label(t), t) for t in TOPICS]


def build_app(library: Library) -> gr.Blocks:
    reports_dir = Path(tempfile.gettempdir()) / "semdpa-reports"

    def fail(error: Exception) -> gr.Error:
        return gr.Error(str(error), print_exception=False)

    def document_names(reference: bool | None = None) -> list[str]:
        try:
            return [d.name for d in library.documents() if reference is None or d.reference == reference]
        except SemdpaError:
            return []

    def default_reference() -> str | None:
        references = document_names(reference=True)
        return references[0] if references else None

    # -- lookup --------------------------------------------------------------------------
    def lookup(query: str, top_k: float, documents: list[str] | None, topics: list[str] | None,
               languages: list[str] | None):
        if not query or not query.strip():
            return "<p>Type a clause or a question.</p>", gr.Radio(choices=[], value=None), []
        try:
            results = library.search(query, top_k=int(top_k), document=documents or None, topics=topics or None,
                                     languages=languages or None)
        except SemdpaError as error:
            raise fail(error) from None
        labels = [f"{n}. {r.document} {r.clause_id}" for n, r in enumerate(results, start=1)]
        return search_results_html(results, query), gr.Radio(choices=labels, value=None), [r._asdict() for r in results]

    def open_result(label: str | None, results: list[dict], query: str):
        if not label or not results:
            return ""
        result = results[int(label.split(".", 1)[0]) - 1]
        try:
            heading, clauses, selected = library.article(result["document"], result["clause_id"])
        except SemdpaError as error:
            raise fail(error) from None
        return article_html(result["document"], heading, clauses, selected, query)

    # -- compare -------------------------------------------------------------------------
    def compare(upload: str | None, vendor_name: str | None, reference: str | None, progress=gr.Progress()):
        if not reference:
            raise fail(SemdpaError("pick a reference DPA (mark one as reference in the Library tab)"))
        try:
            progress(0.05, desc="Reading the vendor DPA")
            if upload:
                report = library.add_upload(upload, Path(upload).name)
                vendor = report.outcomes[0].document
            elif vendor_name:
                vendor = vendor_name
            else:
                raise SemdpaError("upload a vendor DPA or pick one from the library")
            progress(0.35, desc="Aligning clauses")
            comparison = library.compare(vendor, reference)
            progress(0.85, desc="Writing the reports")
            files = _write_reports(comparison)
        except SemdpaError as error:
            raise fail(error) from None
        progress(1.0)
        body = f"<div class='semdpa-report'>{comparison_html_body(comparison)}</div>"
        return (body, *files, gr.Dropdown(choices=document_names(), value=vendor))

    def _write_reports(comparison) -> list[str]:
        _prune_reports(reports_dir)
        folder = Path(tempfile.mkdtemp(prefix="report-", dir=_ensure(reports_dir)))
        stem = Path(comparison.alignment.vendor.name).stem
        paths = []
        for fmt in REPORT_FORMATS:
            path = folder / f"semdpa-{stem}.{fmt}"
            path.write_text(render([comparison], fmt), encoding="utf-8")
            paths.append(str(path))
        return paths

    # -- library -------------------------------------------------------------------------
    def list_documents() -> list[dict]:
        try:
            return [asdict(d) for d in library.documents()]
        except SemdpaError:
            return []

    def documents_table():
        try:
            rows = [[d.name, d.language, d.clause_count, "yes" if d.reference else "", d.added] for d in library.documents()]
        except SemdpaError:
            rows = []
        return rows

    def refreshed():
        names = document_names()
        return (documents_table(), gr.Dropdown(choices=names, value=None), gr.Dropdown(choices=names),
                gr.Dropdown(choices=names, value=default_reference()), gr.Dropdown(choices=names))

    def add(files: list[str] | None, as_reference: bool):
        if not files:
            raise fail(SemdpaError("choose one or more files to add"))
        messages, errors = [], []
        for path in files:
            try:
                report = library.add_upload(path, Path(path).name, reference=True if as_reference else None)
                outcome = report.outcomes[0]
                messages.append(f"{outcome.status} {outcome.document} ({outcome.clauses} clauses)")
            except SemdpaError as error:
                errors.append(str(error))
        status = "\n".join([f"- {m}" for m in messages] + [f"- **error:** {e}" for e in errors])
        return (status, *refreshed())

    def set_reference(name: str | None, flag: bool):
        if not name:
            raise fail(SemdpaError("pick a document first"))
        try:
            document = library.set_reference(name, flag)
        except SemdpaError as error:
            raise fail(error) from None
        return (f"{document.name} is {'now' if flag else 'no longer'} a reference DPA.", *refreshed())

    def remove(name: str | None):
        if not name:
            raise fail(SemdpaError("pick a document first"))
        try:
            document = library.remove(name)
        except SemdpaError as error:
            raise fail(error) from None
        return (f"Removed {document.name} ({document.clause_count} clauses).", *refreshed())

    with gr.Blocks(title="semdpa", delete_cache=(3600, 3600)) as app:
        gr.Markdown("# semdpa\nCompare data processing agreements clause by clause — everything stays on this machine.")
        with gr.Tab("Lookup"):
            with gr.Row():
                query = gr.Textbox(label="Clause or question (Dutch or English)", lines=2, scale=4,
                                   placeholder="binnen welke termijn meldt de verwerker een datalek?")
                top_k = gr.Slider(1, 20, value=5, step=1, label="Results", scale=1)
            with gr.Row():
                lookup_documents = gr.Dropdown(choices=document_names(), multiselect=True, label="Documents")
                lookup_topics = gr.Dropdown(choices=TOPIC_CHOICES, multiselect=True, label="Topics")
                lookup_languages = gr.CheckboxGroup(choices=[("Dutch", "nl"), ("English", "en")], label="Languages")
            search_button = gr.Button("Search", variant="primary")
            results_html = gr.HTML()
            results_state = gr.State([])
            result_choice = gr.Radio(choices=[], label="Open a result in its article")
            article = gr.HTML()
            lookup_inputs = [query, top_k, lookup_documents, lookup_topics, lookup_languages]
            search_button.click(lookup, lookup_inputs, [results_html, result_choice, results_state],
                                api_name="search", concurrency_limit=SEARCH_CONCURRENCY, concurrency_id="lookup")
            query.submit(lookup, lookup_inputs, [results_html, result_choice, results_state], api_name=False,
                         concurrency_limit=SEARCH_CONCURRENCY, concurrency_id="lookup")
            result_choice.change(open_result, [result_choice, results_state, query], article, api_name=False)

        with gr.Tab("Compare"):
            with gr.Row():
                vendor_upload = gr.File(label="Vendor DPA (PDF, DOCX, TXT, MD)", file_types=[".pdf", ".docx", ".txt", ".md"],
                                        type="filepath")
                with gr.Column():
                    vendor_pick = gr.Dropdown(choices=document_names(), label="…or a vendor DPA from the library")
                    reference_pick = gr.Dropdown(choices=document_names(), value=default_reference(), label="Reference DPA")
            compare_button = gr.Button("Compare", variant="primary")
            report_html = gr.HTML()
            with gr.Row():
                downloads = [gr.File(label=f"{fmt.upper()} report", interactive=False) for fmt in REPORT_FORMATS]
            compare_button.click(compare, [vendor_upload, vendor_pick, reference_pick], [report_html, *downloads, vendor_pick],
                                 api_name="compare", concurrency_limit=1, concurrency_id="compare")

        with gr.Tab("Library"):
            table = gr.Dataframe(value=documents_table(), headers=["name", "language", "clauses", "reference", "added"],
                                 interactive=False, label="Indexed agreements")
            with gr.Row():
                uploads = gr.File(label="Add agreements", file_count="multiple", type="filepath",
                                  file_types=[".pdf", ".docx", ".txt", ".md"])
                with gr.Column():
                    as_reference = gr.Checkbox(label="Mark as reference DPA")
                    add_button = gr.Button("Add to library", variant="primary")
            with gr.Row():
                library_pick = gr.Dropdown(choices=document_names(), label="Document")
                mark_button = gr.Button("Mark as reference")
                unmark_button = gr.Button("Unmark reference")
                remove_button = gr.Button("Remove", variant="stop")
            library_status = gr.Markdown()
            outputs = [library_status, table, library_pick, vendor_pick, reference_pick, lookup_documents]
            add_button.click(add, [uploads, as_reference], outputs, api_name="add", concurrency_id="compare")
            mark_button.click(lambda name: set_reference(name, True), library_pick, outputs, api_name="set_reference")
            unmark_button.click(lambda name: set_reference(name, False), library_pick, outputs, api_name="unset_reference")
            remove_button.click(remove, library_pick, outputs, api_name="remove")

        documents_endpoint = gr.JSON(visible=False)
        gr.Button(visible=False).click(list_documents, None, documents_endpoint, api_name="documents")
        app.load(refreshed, None, [table, library_pick, vendor_pick, reference_pick, lookup_documents], api_name=False)
    return app


def _ensure(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _prune_reports(directory: Path) -> None:
    """Reports are confidential too: remove the ones older than an hour."""
    if not directory.exists():
        return
    cutoff = time.time() - REPORT_MAX_AGE
    for folder in directory.glob("report-*"):
        if folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="semdpa web app")
    parser.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                        help="address to listen on (default loopback; GRADIO_SERVER_NAME)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
                        help="port (GRADIO_SERVER_PORT)")
    parser.add_argument("--index", default=str(default_index_dir()), help="index directory (SEMDPA_INDEX)")
    parser.add_argument("--model", default=None, help="embedding model (SEMDPA_MODEL)")
    parser.add_argument("--auth", default=os.environ.get("SEMDPA_AUTH"), help="user:password to require a login (SEMDPA_AUTH)")
    args = parser.parse_args(argv)
    if args.auth and (":" not in args.auth or not all(args.auth.partition(":")[::2])):
        parser.error("--auth takes user:password")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    auth = tuple(args.auth.split(":", 1)) if args.auth else None
    app = build_app(Library(args.index, model=args.model))
    app.queue(default_concurrency_limit=SEARCH_CONCURRENCY)
    app.launch(server_name=args.host, server_port=args.port, auth=auth, share=False, css=CSS,
               footer_links=["api", "settings"])


if __name__ == "__main__":
    main()
