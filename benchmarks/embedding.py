"""Embedding throughput per backend on the real clause mix, in one run, with how close the vectors
stay to PyTorch's and (with --accuracy) the alignment accuracy of the labelled sets per backend.

    .venv/bin/python benchmarks/embedding.py [--windows 400] [--repeat 3] [--accuracy] [--model PATH]

Backends: sentence-transformers on PyTorch; ONNX Runtime on semdpa's fp32 export and on its
dynamically quantised int8 copy; OpenVINO on the same two files (on the fp32 export twice: with
OpenVINO's default precision, which is bf16 on CPUs that have it, and with f32 forced); and
semdpa's own statically quantised int8 model (`semdpa.embed.int8_model`: NNCF, calibrated on
semdpa/calibration.txt), made afresh for the run (`pip install openvino nncf`; rows are skipped
when absent). The texts are the token windows semdpa embeds for the seeds and ../shared/corpus
(Dutch glossed into English words).
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from semdpa.embed import OnnxEmbedder, SentenceTransformerEmbedder, export_onnx, int8_model, resolve_model_name  # noqa: E402


def windows(embedder: SentenceTransformerEmbedder, limit: int) -> list[str]:
    from semdpa.embed import text_for_model
    from semdpa.ingest import read_document
    from semdpa.segment import segment_clauses

    files = sorted(glob.glob(str(ROOT / "data" / "*.txt"))) + sorted(glob.glob(str(ROOT.parent / "shared" / "corpus" / "*_??.md")))
    texts = []
    for path in files:
        document = read_document(path)
        texts += [text_for_model(c.context_text, document.language, embedder.name) for c in segment_clauses(document)]
    pieces, _, _ = embedder._windows(texts)
    return pieces[:: max(1, len(pieces) // limit)][:limit]


class OpenVinoSession:
    """An OpenVINO compiled model behind ONNX Runtime's `run` call, so OnnxEmbedder can use it.

    `precision` None leaves OpenVINO's default, which is bf16 on CPUs with avx512_bf16 or AMX
    (as semdpa runs it); "f32" forces full precision."""

    def __init__(self, path: Path, precision: str | None = None):
        import openvino as ov

        core = ov.Core()
        core.set_property("CPU", {"INFERENCE_NUM_THREADS": os.cpu_count() or 2})
        config = {"INFERENCE_PRECISION_HINT": precision} if precision else {}
        self.model = core.compile_model(str(path), "CPU", config)
        self.precision = str(self.model.get_property("INFERENCE_PRECISION_HINT"))

    def run(self, _outputs, feed):
        return [self.model(feed)[self.model.output(0)]]


def backends(model: str, export: Path, work: Path) -> dict[str, OnnxEmbedder]:
    """Embedders over the fp32 export and int8 copies, on ONNX Runtime and on OpenVINO."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    int8 = work / "int8"
    int8.mkdir()
    for name in ("meta.json", "tokenizer.json"):
        shutil.copyfile(export / name, int8 / name)
    quantize_dynamic(str(export / "model.onnx"), str(int8 / "model.onnx"), weight_type=QuantType.QInt8)
    found = {"onnx fp32": OnnxEmbedder(model, export, backend="onnxruntime"),
             "onnx int8": OnnxEmbedder(model, int8, backend="onnxruntime")}
    try:
        import openvino  # noqa: F401
    except ImportError:
        print("openvino is not installed: its rows are skipped (pip install openvino)")
        return found
    for name, directory, precision in (("openvino default", export, None), ("openvino f32 forced", export, "f32"),
                                       ("openvino int8", int8, None)):
        embedder = OnnxEmbedder(model, directory, backend="onnxruntime")
        try:
            embedder.session = OpenVinoSession(directory / "model.onnx", precision)
        except Exception as error:  # noqa: BLE001 - a backend that cannot load is reported, not fatal
            print(f"{name}: cannot compile ({str(error).splitlines()[0][:120]})")
            continue
        print(f"{name}: OpenVINO computes in {embedder.session.precision}")
        found[name] = embedder
    # semdpa's own int8 model (int8_model), made afresh in a copy of the export.
    fresh = work / "fresh"
    shutil.copytree(export, fresh, ignore=shutil.ignore_patterns("int8", "openvino-cache"))
    if int8_model(fresh) is None:
        print("nncf is not installed: the static int8 row is skipped (pip install nncf)")
        return found
    found["openvino int8 static"] = OnnxEmbedder(model, fresh, backend="openvino-int8")
    return found


def alignment_accuracy(embedder) -> dict:
    """Top-1 / recall@3 of `semdpa compare` on every labelled set together (one index of all
    their agreements), with vectors from `embedder`."""
    import alignment

    from semdpa.library import Library

    rows = [row for path in sorted((ROOT / "benchmarks" / "data").glob("alignment_*.jsonl"))
            for row in alignment.load_rows(path)]
    names = sorted({r["vendor"] for r in rows} | {r["reference"] for r in rows})
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "index", embedder=embedder)
        library.add_files([alignment.locate(n) for n in names])
        return alignment.evaluate(library, rows, "align")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--accuracy", action="store_true", help="also run the alignment benchmark per backend")
    parser.add_argument("--only", default="", help="comma-separated backends to run besides torch (default: all)")
    parser.add_argument("--model", default="default", help="a sentence-transformers model's name or path")
    args = parser.parse_args()
    model = resolve_model_name(args.model)
    torch_embedder = SentenceTransformerEmbedder(model)
    texts = windows(torch_embedder, args.windows)
    export = export_onnx(torch_embedder)
    if export is None:
        raise SystemExit("the ONNX export failed")
    with tempfile.TemporaryDirectory() as tmp:
        chosen = {name for name in args.only.split(",") if name}
        runs = {"torch": torch_embedder, **{name: embedder for name, embedder in backends(model, export, Path(tmp)).items()
                                            if not chosen or name in chosen}}
        reference = None
        times = {}
        print(f"{model}: {len(texts)} windows of up to {torch_embedder.max_tokens} tokens, {os.cpu_count()} threads, "
              f"median of {args.repeat}")
        for name, embedder in runs.items():
            embedder.encode(texts[:8])  # warm-up
            timings = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                vectors = embedder.encode(texts)
                timings.append(time.perf_counter() - started)
            times[name] = statistics.median(timings)
            if reference is None:
                reference = vectors
            cosine = (vectors * reference).sum(axis=1)
            line = (f"{name:26} {len(texts) / times[name]:7.1f} windows/s  x{times['torch'] / times[name]:.2f} of torch  "
                    f"cosine to torch: min {cosine.min():.6f} mean {cosine.mean():.6f}")
            if args.accuracy:
                measured = alignment_accuracy(embedder)
                line += "  align top-1/rec@3 " + "  ".join(
                    f"{lang} {m['top1']:.3f}/{m['recall@3']:.3f}" for lang, m in measured.items())
            print(line, flush=True)


if __name__ == "__main__":
    main()
