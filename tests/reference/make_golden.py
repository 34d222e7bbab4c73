#!/usr/bin/env python3
"""Regenerate tests/fixtures/golden/llama-tiny.safetensors (Tessera golden test).

    /usr/bin/python3 tests/reference/make_golden.py

Tiny LLaMA config, seeded init (torch.manual_seed(1234)): matrices ~ N(0, 0.2),
norm weights 1 + N(0, 0.1), drawn in float32 in llama_reference.param_shapes
order, then tokens and targets ~ U[0, V). The float32 weights are stored; all
reference math (loss, grads, two clipped AdamW steps) is done in float64 from
those exact float32 values.

Before writing, it checks the model against:
  * central finite differences of the float64 loss (rel. error < 1e-6),
  * an independent loop-per-head/per-position attention (explicit rotary pair
    formula, kv head = h // (H/KV)) — logits must agree to 1e-12,
  * torch.optim.AdamW + torch.nn.utils.clip_grad_norm_ — params must agree to 1e-12.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections import OrderedDict

sys.dont_write_bytecode = True  # no __pycache__ next to the committed sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import torch
except ImportError as e:
    sys.exit(f"make_golden: PyTorch is not available for {sys.executable} ({e}); try /usr/bin/python3")

import llama_reference as ref  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "golden", "llama-tiny.safetensors")

CONFIG = {
    "vocab_size": 256,  # the byte tokenizer's vocabulary, so the config is a valid Tessera model
    "hidden_size": 32,
    "intermediate_size": 48,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "max_position_embeddings": 16,
    "rms_norm_eps": 1e-5,
    "rope_theta": 10000.0,
    "tie_word_embeddings": False,
}
B, T = 3, 16
SEED = 1234
INIT_STD, NORM_STD = 0.2, 0.1
# Pre-clip grad norms are ~4.14 at step 1 and ~3.06 at step 2 (printed below), so with
# max_grad_norm 4.0 the fixture exercises both branches: clipped at step 1, not at step 2.
OPT = ref.AdamWConfig(lr=1e-2, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1, max_grad_norm=4.0)


def grads_at(params64: dict, c, tokens, targets):
    p = OrderedDict((k, v.detach().clone().requires_grad_(True)) for k, v in params64.items())
    loss = ref.loss_fn(p, c, tokens, targets)
    g = torch.autograd.grad(loss, list(p.values()))
    return loss.detach(), OrderedDict(zip(p.keys(), (x.detach() for x in g)))


def check_finite_differences(params64, c, tokens, targets, grads):
    h = 1e-5
    names = [
        "model.embed_tokens.weight",
        "model.layers.0.input_layernorm.weight",
        "model.layers.0.self_attn.q_proj.weight",
        "model.layers.0.self_attn.k_proj.weight",
        "model.layers.0.self_attn.v_proj.weight",
        "model.layers.1.self_attn.o_proj.weight",
        "model.layers.1.mlp.gate_proj.weight",
        "model.layers.1.mlp.up_proj.weight",
        "model.layers.0.mlp.down_proj.weight",
        "model.layers.1.post_attention_layernorm.weight",
        "model.norm.weight",
        "lm_head.weight",
    ]
    worst = 0.0
    with torch.no_grad():
        for name in names:
            g = grads[name].reshape(-1)
            # the largest-|grad| entry plus one fixed-position entry
            for idx in {int(g.abs().argmax()), g.numel() // 3}:
                p = OrderedDict((k, v.clone()) for k, v in params64.items())
                flat = p[name].view(-1)
                x0 = float(flat[idx])
                flat[idx] = x0 + h
                lp = float(ref.loss_fn(p, c, tokens, targets))
                flat[idx] = x0 - h
                lm = float(ref.loss_fn(p, c, tokens, targets))
                fd = (lp - lm) / (2 * h)
                ag = float(g[idx])
                rel = abs(fd - ag) / max(abs(ag), 1e-4)
                worst = max(worst, rel)
                assert rel < 1e-6, f"finite difference mismatch {name}[{idx}]: fd={fd} autograd={ag} rel={rel}"
    return worst


def naive_attention(x, p, prefix, c):
    """Per (batch, head, position) loops; explicit rotary pair rotation; no repeat_kv."""
    Bn, Tn, D = x.shape
    H, KV, hd = c.num_attention_heads, c.num_key_value_heads, c.head_dim
    half = hd // 2
    q = x @ p[f"{prefix}.q_proj.weight"].T
    k = x @ p[f"{prefix}.k_proj.weight"].T
    v = x @ p[f"{prefix}.v_proj.weight"].T

    def rope(vec, t):
        out = vec.clone()
        for i in range(half):
            ang = t * (1.0 / c.rope_theta ** (2 * i / hd))
            a, b = vec[i], vec[i + half]
            out[i] = a * math.cos(ang) - b * math.sin(ang)
            out[i + half] = b * math.cos(ang) + a * math.sin(ang)
        return out

    out = torch.zeros(Bn, Tn, D, dtype=x.dtype)
    for bi in range(Bn):
        for h in range(H):
            j = h // (H // KV)
            qs = [rope(q[bi, t, h * hd : (h + 1) * hd], t) for t in range(Tn)]
            ks = [rope(k[bi, t, j * hd : (j + 1) * hd], t) for t in range(Tn)]
            for t in range(Tn):
                sc = torch.stack([qs[t].dot(ks[s]) / math.sqrt(hd) for s in range(t + 1)])
                pr = torch.softmax(sc, dim=0)
                out[bi, t, h * hd : (h + 1) * hd] = sum(pr[s] * v[bi, s, j * hd : (j + 1) * hd] for s in range(t + 1))
    return out @ p[f"{prefix}.o_proj.weight"].T


def check_naive_forward(params64, c, tokens):
    with torch.no_grad():
        p = params64
        h = p["model.embed_tokens.weight"][tokens.long()]
        for i in range(c.num_hidden_layers):
            pre = f"model.layers.{i}"
            a = ref.rms_norm(h, p[f"{pre}.input_layernorm.weight"], c.rms_norm_eps)
            h = h + naive_attention(a, p, f"{pre}.self_attn", c)
            m = ref.rms_norm(h, p[f"{pre}.post_attention_layernorm.weight"], c.rms_norm_eps)
            h = h + ref.mlp(m, p, f"{pre}.mlp")
        h = ref.rms_norm(h, p["model.norm.weight"], c.rms_norm_eps)
        naive = h @ p["lm_head.weight"].T
        fast = ref.forward(p, c, tokens)
        err = float((naive - fast).abs().max())
        assert err < 1e-12, f"naive vs vectorized forward differ by {err}"
        return err


def check_against_torch_optim(params64, c, tokens, targets, ours_after_2):
    p = OrderedDict((k, v.clone().requires_grad_(True)) for k, v in params64.items())
    decay = [v for v in p.values() if v.ndim >= 2]
    no_decay = [v for v in p.values() if v.ndim < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": OPT.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=OPT.lr,
        betas=(OPT.beta1, OPT.beta2),
        eps=OPT.eps,
    )
    for _ in range(2):
        opt.zero_grad()
        ref.loss_fn(p, c, tokens, targets).backward()
        torch.nn.utils.clip_grad_norm_(list(p.values()), OPT.max_grad_norm)
        opt.step()
    err = max(float((p[k].detach() - ours_after_2[k]).abs().max()) for k in p)
    assert err < 1e-12, f"hand-written AdamW vs torch.optim.AdamW differ by {err}"
    return err


def main():
    c = ref.LlamaConfig.from_dict(CONFIG)
    torch.manual_seed(SEED)
    params32 = ref.init_params(c, std=INIT_STD, norm_std=NORM_STD, dtype=torch.float32)
    tokens = torch.randint(0, c.vocab_size, (B, T), dtype=torch.int64).to(torch.int32)
    targets = torch.randint(0, c.vocab_size, (B, T), dtype=torch.int64).to(torch.int32)
    params64 = OrderedDict((k, v.to(torch.float64)) for k, v in params32.items())

    loss0, grads0 = grads_at(params64, c, tokens, targets)
    fd_err = check_finite_differences(params64, c, tokens, targets, grads0)
    naive_err = check_naive_forward(params64, c, tokens)

    cur = OrderedDict((k, v.clone()) for k, v in params64.items())
    opt = ref.AdamW(list(cur.values()), OPT)
    norm1 = opt.step([g.clone() for g in grads0.values()])
    assert float(norm1) > OPT.max_grad_norm, f"clipping not active at step 1 (norm {float(norm1)})"
    step1 = OrderedDict((k, v.clone()) for k, v in cur.items())
    loss1, grads1 = grads_at(cur, c, tokens, targets)
    norm2 = opt.step([g.clone() for g in grads1.values()])
    assert float(norm2) < OPT.max_grad_norm, f"step 2 unexpectedly clipped (norm {float(norm2)})"
    step2 = OrderedDict((k, v.clone()) for k, v in cur.items())
    optim_err = check_against_torch_optim(params64, c, tokens, targets, step2)

    t: OrderedDict[str, torch.Tensor] = OrderedDict()
    for k, v in params32.items():
        t[f"param/{k}"] = v
    t["input/tokens"] = tokens
    t["input/targets"] = targets
    t["loss"] = loss0.reshape(())
    for k, v in grads0.items():
        t[f"grad/{k}"] = v
    t["step1/gradNorm"] = norm1.reshape(())
    for k, v in step1.items():
        t[f"step1/param/{k}"] = v
    t["step2/loss"] = loss1.reshape(())
    t["step2/gradNorm"] = norm2.reshape(())
    for k, v in step2.items():
        t[f"step2/param/{k}"] = v

    meta = {
        "config": json.dumps(c.to_dict()),
        "optimizer": json.dumps(OPT.to_dict()),
        "source": f"tests/reference/make_golden.py, torch {torch.__version__}",
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    ref.write_safetensors(OUT, t, meta)

    back, back_meta = ref.read_safetensors(OUT)
    assert list(back) == list(t) and back_meta == meta
    for k, v in t.items():
        assert back[k].dtype == v.dtype and torch.equal(back[k], v), k

    print(f"wrote {os.path.relpath(OUT, ROOT)} ({os.path.getsize(OUT)} bytes, {len(t)} tensors)")
    print(f"loss            {float(loss0):.17g}")
    print(f"step1/gradNorm  {float(norm1):.17g} (max_grad_norm {OPT.max_grad_norm}: clipped)")
    print(f"step2/loss      {float(loss1):.17g}")
    print(f"step2/gradNorm  {float(norm2):.17g} (not clipped)")
    print(f"checks: finite-diff worst rel {fd_err:.2e}, naive-attention max abs {naive_err:.2e}, "
          f"torch.optim.AdamW max abs {optim_err:.2e}")


if __name__ == "__main__":
    main()
