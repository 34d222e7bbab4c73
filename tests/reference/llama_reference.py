"""Independent PyTorch reference for Tessera's LLaMA model and optimizer step.

Plain torch, no `transformers`: the math is Hugging Face LlamaForCausalLM's
(RMSNorm, non-interleaved rotary embedding, grouped-query attention via
HF `repeat_kv`, SwiGLU MLP, optional tied embeddings), written out by hand so
that it can be read side by side with Tessera's graph builder.

Parameters are held in a plain ordered dict keyed by Hugging Face names, in
forward order, with nn.Linear layout [out, in] (y = x @ W^T, no biases).

Optimizer (hand-written, no torch.optim): global-norm gradient clipping with
coef = min(1, max_grad_norm / (norm + 1e-6)) (same as
torch.nn.utils.clip_grad_norm_), then AdamW with bias correction and decoupled
weight decay applied only to parameters with ndim >= 2.

Imported by make_golden.py (golden-test fixture) and torch_train_bench.py
(benchmark baseline). CI never imports this file.
"""

from __future__ import annotations

import json
import math
import struct
from collections import OrderedDict
from dataclasses import asdict, dataclass

import torch

CONFIG_FIELDS = (
    "vocab_size",
    "hidden_size",
    "intermediate_size",
    "num_hidden_layers",
    "num_attention_heads",
    "num_key_value_heads",
    "max_position_embeddings",
    "rms_norm_eps",
    "rope_theta",
    "tie_word_embeddings",
)


@dataclass(frozen=True)
class LlamaConfig:
    vocab_size: int
    hidden_size: int
    intermediate_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    max_position_embeddings: int
    rms_norm_eps: float
    rope_theta: float
    tie_word_embeddings: bool

    @staticmethod
    def from_dict(d: dict) -> "LlamaConfig":
        missing = [k for k in CONFIG_FIELDS if k not in d]
        if missing:
            raise ValueError(f"config is missing {missing}")
        c = LlamaConfig(**{k: d[k] for k in CONFIG_FIELDS})
        if c.hidden_size % c.num_attention_heads:
            raise ValueError("hidden_size must be divisible by num_attention_heads")
        if c.num_attention_heads % c.num_key_value_heads:
            raise ValueError("num_attention_heads must be divisible by num_key_value_heads")
        if (c.hidden_size // c.num_attention_heads) % 2:
            raise ValueError("head_dim must be even for rotary embedding")
        return c

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_attention_heads

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- parameters


def param_shapes(c: LlamaConfig) -> "OrderedDict[str, tuple]":
    """HF parameter names and shapes, in forward (compute) order.

    This order fixes the RNG draw order of init_params and the tensor order in
    the golden fixture; it is not HF's state_dict order (there the two layer
    norms come after the MLP), which matters only for names, not values.
    """
    D, I, V, hd = c.hidden_size, c.intermediate_size, c.vocab_size, c.head_dim
    kvd = c.num_key_value_heads * hd
    s: OrderedDict[str, tuple] = OrderedDict()
    s["model.embed_tokens.weight"] = (V, D)
    for i in range(c.num_hidden_layers):
        p = f"model.layers.{i}"
        s[f"{p}.input_layernorm.weight"] = (D,)
        s[f"{p}.self_attn.q_proj.weight"] = (D, D)
        s[f"{p}.self_attn.k_proj.weight"] = (kvd, D)
        s[f"{p}.self_attn.v_proj.weight"] = (kvd, D)
        s[f"{p}.self_attn.o_proj.weight"] = (D, D)
        s[f"{p}.post_attention_layernorm.weight"] = (D,)
        s[f"{p}.mlp.gate_proj.weight"] = (I, D)
        s[f"{p}.mlp.up_proj.weight"] = (I, D)
        s[f"{p}.mlp.down_proj.weight"] = (D, I)
    s["model.norm.weight"] = (D,)
    if not c.tie_word_embeddings:
        s["lm_head.weight"] = (V, D)
    return s


def init_params(
    c: LlamaConfig, std: float = 0.02, norm_std: float = 0.0, dtype=torch.float32
) -> "OrderedDict[str, torch.Tensor]":
    """Random init from torch's global RNG (seed it first), in param_shapes order.

    Matrices ~ N(0, std); norm weights 1 + N(0, norm_std) (exactly 1 when norm_std == 0).
    Values are drawn in float32 and then cast to `dtype`.
    """
    out: OrderedDict[str, torch.Tensor] = OrderedDict()
    for name, shape in param_shapes(c).items():
        if len(shape) == 1:
            w = torch.ones(shape, dtype=torch.float32)
            if norm_std:
                w = w + torch.randn(shape, dtype=torch.float32) * norm_std
        else:
            w = torch.randn(shape, dtype=torch.float32) * std
        out[name] = w.to(dtype)
    return out


# --------------------------------------------------------------------- model


def rms_norm(x: torch.Tensor, w: torch.Tensor, eps: float) -> torch.Tensor:
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def rotary_cos_sin(c: LlamaConfig, T: int, dtype, device=None):
    hd = c.head_dim
    inv_freq = 1.0 / (
        c.rope_theta ** (torch.arange(0, hd, 2, dtype=torch.float64, device=device) / hd)
    )
    freqs = torch.outer(torch.arange(T, dtype=torch.float64, device=device), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)  # [T, hd]
    return emb.cos().to(dtype), emb.sin().to(dtype)


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def repeat_kv(x: torch.Tensor, n_rep: int) -> torch.Tensor:
    """HF repeat_kv: [B, KV, T, hd] -> [B, KV*n_rep, T, hd]; kv head j serves q heads j*n_rep..."""
    if n_rep == 1:
        return x
    B, KV, T, hd = x.shape
    return x[:, :, None, :, :].expand(B, KV, n_rep, T, hd).reshape(B, KV * n_rep, T, hd)


def attention(x, p: dict, prefix: str, c: LlamaConfig, cos, sin, mask):
    B, T, D = x.shape
    H, KV, hd = c.num_attention_heads, c.num_key_value_heads, c.head_dim
    q = (x @ p[f"{prefix}.q_proj.weight"].T).view(B, T, H, hd).transpose(1, 2)
    k = (x @ p[f"{prefix}.k_proj.weight"].T).view(B, T, KV, hd).transpose(1, 2)
    v = (x @ p[f"{prefix}.v_proj.weight"].T).view(B, T, KV, hd).transpose(1, 2)
    q = q * cos + rotate_half(q) * sin
    k = k * cos + rotate_half(k) * sin
    k = repeat_kv(k, H // KV)
    v = repeat_kv(v, H // KV)
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(hd) + mask  # [B, H, T, T]
    probs = torch.softmax(scores, dim=-1)
    out = (probs @ v).transpose(1, 2).reshape(B, T, D)
    return out @ p[f"{prefix}.o_proj.weight"].T


def mlp(x, p: dict, prefix: str):
    g = x @ p[f"{prefix}.gate_proj.weight"].T
    u = x @ p[f"{prefix}.up_proj.weight"].T
    return (g * torch.sigmoid(g) * u) @ p[f"{prefix}.down_proj.weight"].T


def forward(p: dict, c: LlamaConfig, tokens: torch.Tensor) -> torch.Tensor:
    """tokens [B, T] int -> logits [B, T, V] (dtype of the parameters)."""
    B, T = tokens.shape
    if T > c.max_position_embeddings:
        raise ValueError(f"T={T} exceeds max_position_embeddings={c.max_position_embeddings}")
    emb = p["model.embed_tokens.weight"]
    dtype, device = emb.dtype, emb.device
    cos, sin = rotary_cos_sin(c, T, dtype, device)
    mask = torch.full((T, T), float("-inf"), dtype=dtype, device=device).triu(1)
    h = emb[tokens.long()]
    for i in range(c.num_hidden_layers):
        pre = f"model.layers.{i}"
        a = rms_norm(h, p[f"{pre}.input_layernorm.weight"], c.rms_norm_eps)
        h = h + attention(a, p, f"{pre}.self_attn", c, cos, sin, mask)
        m = rms_norm(h, p[f"{pre}.post_attention_layernorm.weight"], c.rms_norm_eps)
        h = h + mlp(m, p, f"{pre}.mlp")
    h = rms_norm(h, p["model.norm.weight"], c.rms_norm_eps)
    head = emb if c.tie_word_embeddings else p["lm_head.weight"]
    return h @ head.T


def loss_fn(p: dict, c: LlamaConfig, tokens: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean over all B*T positions of -log_softmax(logits)[target]."""
    logits = forward(p, c, tokens)
    logp = torch.log_softmax(logits, dim=-1)
    return -logp.gather(-1, targets.long().unsqueeze(-1)).mean()


# ----------------------------------------------------------------- optimizer


@dataclass(frozen=True)
class AdamWConfig:
    lr: float
    beta1: float = 0.9
    beta2: float = 0.95
    eps: float = 1e-8
    weight_decay: float = 0.1
    max_grad_norm: float = 1.0

    def to_dict(self) -> dict:
        return asdict(self)


CLIP_EPS = 1e-6  # same as torch.nn.utils.clip_grad_norm_


@torch.no_grad()
def clip_grads_(grads: list, max_norm: float) -> torch.Tensor:
    """Global-norm clipping in place; returns the pre-clip norm (0-dim tensor)."""
    norm = torch.sqrt(sum((g.double() ** 2).sum() for g in grads)).to(grads[0].dtype)
    coef = torch.clamp(max_norm / (norm + CLIP_EPS), max=1.0)
    for g in grads:
        g.mul_(coef)
    return norm


class AdamW:
    """Tessera's step: clip (global norm) then AdamW; decay only for ndim >= 2."""

    def __init__(self, params: list, cfg: AdamWConfig):
        self.params = params
        self.cfg = cfg
        self.t = 0
        self.m = [torch.zeros_like(q) for q in params]
        self.v = [torch.zeros_like(q) for q in params]

    @torch.no_grad()
    def step(self, grads: list) -> torch.Tensor:
        """Clips `grads` in place, updates params in place, returns the pre-clip norm."""
        c = self.cfg
        norm = clip_grads_(grads, c.max_grad_norm)
        self.t += 1
        bc1 = 1.0 - c.beta1**self.t
        bc2 = 1.0 - c.beta2**self.t
        for q, g, m, v in zip(self.params, grads, self.m, self.v):
            m.mul_(c.beta1).add_(g, alpha=1.0 - c.beta1)
            v.mul_(c.beta2).addcmul_(g, g, value=1.0 - c.beta2)
            if q.ndim >= 2 and c.weight_decay:
                q.sub_(q * (c.lr * c.weight_decay))
            denom = (v / bc2).sqrt_().add_(c.eps)
            q.addcdiv_(m, denom, value=-c.lr / bc1)
        return norm


# --------------------------------------------------------------- safetensors

_ST_DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8"), torch.int32: ("I32", "<i4")}


def write_safetensors(path: str, tensors: "OrderedDict[str, torch.Tensor]", metadata: dict | None = None):
    """Minimal safetensors writer: u64-LE header length, JSON header (space-padded
    to a multiple of 8), then raw little-endian data in insertion order."""
    header: dict = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        if t.dtype not in _ST_DTYPES:
            raise TypeError(f"{name}: unsupported dtype {t.dtype}")
        st, np_dtype = _ST_DTYPES[t.dtype]
        data = t.detach().cpu().contiguous().numpy().astype(np_dtype).tobytes()
        header[name] = {"dtype": st, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((-len(hjson)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for b in blobs:
            f.write(b)


def read_safetensors(path: str):
    """Reader for round-trip checks: returns (OrderedDict name -> tensor, metadata)."""
    import numpy as np

    inv = {"F32": "<f4", "F64": "<f8", "I32": "<i4"}
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n].decode("utf-8"), object_pairs_hook=OrderedDict)
    meta = header.pop("__metadata__", {})
    base = 8 + n
    out: OrderedDict[str, torch.Tensor] = OrderedDict()
    for name, info in header.items():
        b, e = info["data_offsets"]
        arr = np.frombuffer(raw[base + b : base + e], dtype=inv[info["dtype"]]).reshape(info["shape"])
        out[name] = torch.from_numpy(arr.copy())
    return out, meta
