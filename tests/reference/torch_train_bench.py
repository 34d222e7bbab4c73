#!/usr/bin/env python3
"""PyTorch eager CPU baseline for Tessera's engine benchmark.

    /usr/bin/python3 tests/reference/torch_train_bench.py \\
        --config '{"vocab_size":256,...}' --batch 8 --seq 128 --threads 2 --steps 10 --warmup 2

Builds the LLaMA model of llama_reference.py in float32 (matrices ~ N(0, 0.02),
norm weights 1), random tokens/targets, and times S full training steps
(forward + backward + global-norm clip + AdamW, the hand-written optimizer of
llama_reference.py) after W warmup steps. Prints exactly one JSON line on stdout:

  {"tokensPerSec", "msPerStep", "matmulGflops", "torch", "blas", "threads", ...}

tokensPerSec and msPerStep are over the whole timed span (mean); msPerStepMedian and
msPerStepMin are there to spot a noisy (shared) machine.

matmulGflops is a 2048x2048 fp32 matmul measured with the same thread count: it
says whether torch has a real BLAS (tens of GFLOP/s or more) or a reference one
(~1-2 GFLOP/s), which would make the baseline meaningless.

Exits 2 with a message on stderr when torch is not importable, 1 on bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

# Debian's torch uses GNU OpenMP for its own kernels and a separate OpenBLAS pthread pool for
# matmuls. With libgomp's default (spinning) wait policy the idle OpenMP workers spin while
# OpenBLAS runs and the two pools fight over the cores: on a 2-core box, 2 threads were ~3x
# slower than with a passive policy and slower than 1 thread. Passive is the fair (fastest)
# stock setting; it must be in the environment before libgomp loads. An explicit
# OMP_WAIT_POLICY in the caller's environment wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

try:
    import torch
except ImportError as e:  # pragma: no cover - depends on the machine
    sys.stderr.write(
        f"torch_train_bench: PyTorch is not available for {sys.executable} ({e}).\n"
        "Install it (e.g. Debian: apt-get install python3-torch libopenblas0-pthread python3-numpy)\n"
    )
    sys.exit(2)

sys.dont_write_bytecode = True  # no __pycache__ next to the committed sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llama_reference as ref  # noqa: E402

DEFAULT_OPT = ref.AdamWConfig(lr=3e-4, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1, max_grad_norm=1.0)


def blas_summary() -> str:
    """Short description of the BLAS torch is using."""
    parts = []
    if torch.backends.mkl.is_available():
        parts.append("mkl")
    cfg = torch.__config__.show()
    for key in ("BLAS_INFO", "LAPACK_INFO"):
        i = cfg.find(key + "=")
        if i >= 0:
            parts.append(cfg[i:].split(",")[0].strip())
            break
    # On Linux, name the BLAS shared object actually mapped (e.g. Debian's alternatives).
    try:
        with open("/proc/self/maps") as f:
            libs = sorted(
                {os.path.basename(line.split()[-1]) for line in f if "blas" in line.lower() and "/" in line}
            )
        if libs:
            parts.append("loaded " + " ".join(libs))
    except OSError:
        pass
    return "; ".join(parts) or "unknown"


def matmul_gflops(n: int = 2048, reps: int = 5) -> float:
    a = torch.randn(n, n, dtype=torch.float32)
    b = torch.randn(n, n, dtype=torch.float32)
    torch.mm(a, b)  # warm-up (thread pool, BLAS init)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t0)
    times.sort()
    return 2.0 * n**3 / times[len(times) // 2] / 1e9  # median


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", required=True, help="JSON string with the HF LlamaConfig fields")
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--seq", type=int, required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    try:
        cfg = ref.LlamaConfig.from_dict(json.loads(args.config))
    except (ValueError, TypeError) as e:
        sys.stderr.write(f"torch_train_bench: bad --config: {e}\n")
        return 1
    if min(args.batch, args.seq, args.threads, args.steps) < 1 or args.warmup < 0:
        sys.stderr.write("torch_train_bench: batch, seq, threads, steps must be >= 1 and warmup >= 0\n")
        return 1

    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # already set (only possible before any parallel work)
    torch.set_default_dtype(torch.float32)
    torch.manual_seed(args.seed)

    gflops = matmul_gflops()

    params = ref.init_params(cfg, std=0.02, norm_std=0.0, dtype=torch.float32)
    plist = [p.requires_grad_(True) for p in params.values()]
    opt = ref.AdamW(plist, DEFAULT_OPT)
    total = args.warmup + args.steps
    tokens = torch.randint(0, cfg.vocab_size, (total, args.batch, args.seq))
    targets = torch.randint(0, cfg.vocab_size, (total, args.batch, args.seq))

    def step(i: int) -> float:
        loss = ref.loss_fn(params, cfg, tokens[i], targets[i])
        grads = list(torch.autograd.grad(loss, plist))
        opt.step(grads)
        return float(loss)

    for i in range(args.warmup):
        step(i)
    last = float("nan")
    per_step = []
    t0 = time.perf_counter()
    for i in range(args.warmup, total):
        ts = time.perf_counter()
        last = step(i)
        per_step.append(time.perf_counter() - ts)
    elapsed = time.perf_counter() - t0
    per_step.sort()

    ms = elapsed / args.steps * 1e3
    out = {
        "tokensPerSec": args.batch * args.seq * args.steps / elapsed,
        "msPerStep": ms,
        "msPerStepMedian": per_step[len(per_step) // 2] * 1e3,
        "msPerStepMin": per_step[0] * 1e3,
        "matmulGflops": gflops,
        "torch": torch.__version__,
        "blas": blas_summary(),
        "threads": torch.get_num_threads(),
        "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY"),
        "batch": args.batch,
        "seq": args.seq,
        "steps": args.steps,
        "warmup": args.warmup,
        "params": sum(p.numel() for p in plist),
        "finalLoss": last,
    }
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
