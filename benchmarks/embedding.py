"""Embedding throughput per backend on the real clause mix: PyTorch (what semdpa uses) against
ONNX Runtime in fp32 and dynamically quantised int8, in one run, with how close the vectors stay.

    .venv/bin/python benchmarks/embedding.py [--windows 400]

The ONNX model is exported from the bundled all-MiniLM-L6-v2 with torch.onnx into a temporary
directory (onnxruntime is a dependency of semdpa). The texts are the token
windows semdpa embeds for the seeds and ../shared/corpus (Dutch glossed into English words).
semdpa uses the fp32 export for embedding once it exists (identical vectors, no torch import).
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def windows(limit: int) -> list[str]:
    from semdpa.embed import DEFAULT_MODEL, SentenceTransformerEmbedder, text_for_model
    from semdpa.ingest import read_document
    from semdpa.segment import segment_clauses

    embedder = SentenceTransformerEmbedder(DEFAULT_MODEL)
    files = sorted(glob.glob(str(ROOT / "data" / "*.txt"))) + sorted(glob.glob(str(ROOT.parent / "shared" / "corpus" / "*_??.md")))
    texts = []
    for path in files:
        document = read_document(path)
        texts += [text_for_model(c.context_text, document.language, embedder.name) for c in segment_clauses(document)]
    pieces, _, _ = embedder._windows(texts)
    step = max(1, len(pieces) // limit)
    return pieces[::step][:limit]


def export(directory: Path) -> tuple[Path, Path]:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from semdpa.embed import DEFAULT_MODEL, SentenceTransformerEmbedder

    model = SentenceTransformerEmbedder(DEFAULT_MODEL).model

    class Encoder(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    sample = model.tokenizer(["a clause", "een datalek melden"], padding=True, return_tensors="pt")
    fp32, int8 = directory / "model.onnx", directory / "model-int8.onnx"
    axes = {0: "batch", 1: "tokens"}
    torch.onnx.export(Encoder(model[0].auto_model.eval()), (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
                      str(fp32), input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["hidden"],
                      dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "hidden": axes},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return fp32, int8


def onnx_encode(session, tokenizer, texts: list[str], batch: int = 32) -> np.ndarray:
    order = np.argsort([len(t) for t in texts])
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for start in range(0, len(texts), batch):
        chosen = order[start:start + batch]
        enc = tokenizer([texts[i] for i in chosen], padding=True, truncation=True, max_length=256, return_tensors="np")
        hidden = session.run(None, {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")})[0]
        mask = enc["attention_mask"][..., None].astype(np.float32)
        vectors = (hidden * mask).sum(1) / np.clip(mask.sum(1), 1e-9, None)
        out[chosen] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return out


def main() -> None:
    import onnxruntime as ort

    from semdpa.embed import DEFAULT_MODEL, SentenceTransformerEmbedder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = windows(args.windows)
    model = SentenceTransformerEmbedder(DEFAULT_MODEL).model
    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8 = export(Path(tmp))
        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 2
        runs = {"torch": lambda: model.encode(texts, batch_size=32, normalize_embeddings=True)}
        for name, path in (("onnx fp32", fp32), ("onnx int8", int8)):
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            runs[name] = lambda session=session: onnx_encode(session, model.tokenizer, texts)
        reference = None
        times = {}
        for name, encode in runs.items():
            timings = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                vectors = encode()
                timings.append(time.perf_counter() - started)
            times[name] = statistics.median(timings)
            if reference is None:
                reference = vectors
            cosine = (vectors * reference).sum(axis=1)
            print(f"{name:10} {len(texts) / times[name]:7.1f} windows/s  x{times['torch'] / times[name]:.2f} of torch  "
                  f"cosine to torch: min {cosine.min():.4f} mean {cosine.mean():.4f}")


if __name__ == "__main__":
    main()
