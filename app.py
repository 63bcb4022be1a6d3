"""semdpa web app: builds the Gradio Blocks and wires them to `semdpa.library`.

    python app.py [--host 127.0.0.1] [--port 7860] [--index index] [--auth user:password]

Contracts are confidential: the app listens on loopback unless told otherwise, and Gradio's
analytics are switched off before Gradio is imported.
"""

from __future__ import annotations

import argparse
import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from semdpa.errors import SemdpaError  # noqa: E402
from semdpa.library import Library, default_index_dir  # noqa: E402
from semdpa.report import search_results_html  # noqa: E402

CSS = """
.semdpa-result {border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; margin: 8px 0;}
.semdpa-meta {font-size: 0.9em; color: #444;}
.semdpa-heading {font-style: italic; color: #555; margin: 2px 0 6px;}
.semdpa-text mark {background: #fff3a3; padding: 0 1px;}
"""


def build_app(library: Library) -> gr.Blocks:
    def document_choices() -> list[str]:
        try:
            return [d.name for d in library.documents()]
        except SemdpaError:
            return []

    def lookup(query: str, top_k: float, documents: list[str] | None) -> str:
        if not query or not query.strip():
            return "<p>Type a clause or a question.</p>"
        try:
            results = library.search(query, top_k=int(top_k), document=documents or None)
        except SemdpaError as error:
            raise gr.Error(str(error)) from None
        return search_results_html(results, query)

    with gr.Blocks(title="semdpa") as app:
        gr.Markdown("# semdpa\nCompare data processing agreements clause by clause — everything stays on this machine.")
        with gr.Tab("Lookup"):
            with gr.Row():
                query = gr.Textbox(label="Clause or question (Dutch or English)", lines=2, scale=4,
                                   placeholder="binnen welke termijn meldt de verwerker een datalek?")
                top_k = gr.Slider(1, 20, value=5, step=1, label="Results", scale=1)
            documents = gr.Dropdown(choices=document_choices(), multiselect=True, label="Only these documents")
            button = gr.Button("Search", variant="primary")
            results = gr.HTML()
            button.click(lookup, [query, top_k, documents], results, api_name="search")
            query.submit(lookup, [query, top_k, documents], results, api_name=False)
        app.load(lambda: gr.Dropdown(choices=document_choices()), None, documents, api_name=False)
    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="semdpa web app")
    parser.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                        help="address to listen on (default loopback; GRADIO_SERVER_NAME)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
    parser.add_argument("--index", default=str(default_index_dir()), help="index directory (SEMDPA_INDEX)")
    parser.add_argument("--model", default=None, help="embedding model (SEMDPA_MODEL)")
    parser.add_argument("--auth", default=os.environ.get("SEMDPA_AUTH"), help="user:password to require a login (SEMDPA_AUTH)")
    args = parser.parse_args(argv)
    auth = None
    if args.auth:
        user, _, password = args.auth.partition(":")
        if not user or not password:
            parser.error("--auth takes user:password")
        auth = (user, password)
    app = build_app(Library(args.index, model=args.model))
    app.queue(default_concurrency_limit=4)
    app.launch(server_name=args.host, server_port=args.port, auth=auth, share=False, css=CSS)


if __name__ == "__main__":
    main()
