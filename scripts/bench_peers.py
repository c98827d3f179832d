#!/usr/bin/env python3
"""bench_peers.py: `make bench-peers`. Trains aelab bench's three models with JAX (jax.jit, CPU)
the same way (layer sizes, activations, BCE, Adam 1e-3, batch 128, 55,000 training images) and
prints aelab's samples/s, JAX's samples/s and their ratio per model, at 1 and 2 threads. Both
sides run pinned to the same cores (taskset) with the same thread count, alternating A/B, and
the figures are medians over --repeats rounds."""
import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys

MODELS = [
    ("784-256(ReLU)-784", [784, 256, 784], "relu", 0.0),
    ("sparse-KL 784-1024-784", [784, 1024, 784], "sigmoid", 0.1),
    ("deep 784-512-128-32-128-512-784", [784, 512, 128, 32, 128, 512, 784], "relu", 0.0),
]
TRAIN = 55000
DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
BATCH = 128


def load_images(directory):
    with gzip.open(os.path.join(directory, "train-images-idx3-ubyte.gz")) as f:
        data = f.read()
    import numpy as np
    images = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(-1, 784)
    return images[:TRAIN].astype(np.float32) / 255.0


def jax_worker(threads, directory):
    """Runs inside the pinned child: prints one samples/s figure per model."""
    os.environ["XLA_FLAGS"] = (
        f"--xla_cpu_multi_thread_eigen={'true' if threads > 1 else 'false'} "
        f"intra_op_parallelism_threads={threads}")
    import time
    import numpy as np
    import jax
    import jax.numpy as jnp

    images = load_images(directory)
    steps = TRAIN // BATCH
    for _, sizes, hidden, beta in MODELS:
        key = jax.random.PRNGKey(1)
        params = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            key, sub = jax.random.split(key)
            limit = (6.0 / (fan_in + fan_out)) ** 0.5
            params.append((jax.random.uniform(sub, (fan_in, fan_out), jnp.float32, -limit, limit),
                           jnp.zeros((fan_out,), jnp.float32)))
        act = jax.nn.relu if hidden == "relu" else jax.nn.sigmoid
        code_layer = len(params) // 2 - 1

        def loss_fn(params, x):
            h = x
            kl = 0.0
            for index, (w, b) in enumerate(params):
                z = h @ w + b
                if index == len(params) - 1:
                    loss = jnp.mean(jnp.sum(jnp.maximum(z, 0) - z * x + jnp.log1p(jnp.exp(-jnp.abs(z))), axis=1))
                else:
                    h = act(z)
                    if beta > 0 and index == code_layer:
                        rho_hat = jnp.clip(jnp.mean(h, axis=0), 1e-6, 1 - 1e-6)
                        rho = 0.05
                        kl = jnp.sum(rho * jnp.log(rho / rho_hat) + (1 - rho) * jnp.log((1 - rho) / (1 - rho_hat)))
            return loss + beta * kl

        @jax.jit
        def step(params, m, v, t, x):
            grads = jax.grad(loss_fn)(params, x)
            t = t + 1
            m = jax.tree_util.tree_map(lambda a, g: 0.9 * a + 0.1 * g, m, grads)
            v = jax.tree_util.tree_map(lambda a, g: 0.999 * a + 0.001 * g * g, v, grads)
            c1 = 1 - 0.9 ** t
            c2 = 1 - 0.999 ** t
            params = jax.tree_util.tree_map(
                lambda p, a, b: p - 1e-3 * (a / c1) / (jnp.sqrt(b / c2) + 1e-8), params, m, v)
            return params, m, v, t

        m = jax.tree_util.tree_map(jnp.zeros_like, params)
        v = jax.tree_util.tree_map(jnp.zeros_like, params)
        t = jnp.float32(0)
        batches = [jnp.asarray(images[i * BATCH:(i + 1) * BATCH]) for i in range(steps)]
        for i in range(20):  # compile and warm up
            params, m, v, t = step(params, m, v, t, batches[i])
        jax.block_until_ready(params)
        start = time.perf_counter()
        for x in batches:
            params, m, v, t = step(params, m, v, t, x)
        jax.block_until_ready(params)
        print(steps * BATCH / (time.perf_counter() - start), flush=True)


def cores(threads):
    return ",".join(str(i) for i in range(threads))


def run_jax(threads, directory):
    out = subprocess.run(
        ["taskset", "-c", cores(threads), sys.executable, __file__, "--jax-worker", str(threads),
         "--data", directory], check=True, capture_output=True, text=True).stdout
    return [float(line) for line in out.split()]


def run_aelab(binary, threads, directory, keep_coretype):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    if not keep_coretype:
        # a machine-wide OPENBLAS_CORETYPE (this one's says Haswell) would hold OpenBLAS to
        # older kernels than the CPU has; JAX does not read it, so aelab gets OpenBLAS's own choice
        env.pop("OPENBLAS_CORETYPE", None)
    out = subprocess.run(
        ["taskset", "-c", cores(threads), binary, "bench", "--data", "fashion" if directory == DEFAULT_DATA else directory, "--threads", str(threads)],
        check=True, capture_output=True, text=True, env=env).stdout
    rates = [float(x) for x in re.findall(r"epoch: [0-9.]+ s, ([0-9]+) samples/s", out)]
    ratios = [float(x) for x in re.findall(r"ratio epoch / products: ([0-9.]+)x", out)]
    header = [line for line in out.splitlines() if line.startswith(("BLAS", "peak", "threads", "engine"))]
    return rates, ratios, header


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aelab", default=".build/release/aelab")
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--keep-coretype", action="store_true",
                        help="run aelab with the environment's OPENBLAS_CORETYPE (dropped by default)")
    parser.add_argument("--jax-worker", type=int)
    args = parser.parse_args()
    if args.jax_worker:
        jax_worker(args.jax_worker, args.data)
        return
    import jax
    print(f"JAX {jax.__version__} (jit, CPU) against aelab bench; {TRAIN} training images, batch {BATCH}, "
          f"Adam 1e-3, BCE; medians of {args.repeats} alternating rounds")
    if os.environ.get("OPENBLAS_CORETYPE") and not args.keep_coretype:
        print(f"aelab runs without this environment's OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} "
              "(OpenBLAS picks the CPU's own kernel; --keep-coretype keeps it)")
    for threads in [int(x) for x in args.threads.split(",")]:
        ours, theirs, ratios = [[] for _ in MODELS], [[] for _ in MODELS], [[] for _ in MODELS]
        header = []
        for _ in range(args.repeats):
            rates, epoch_ratios, header = run_aelab(args.aelab, threads, args.data, args.keep_coretype)
            for i, (rate, ratio) in enumerate(zip(rates, epoch_ratios)):
                ours[i].append(rate)
                ratios[i].append(ratio)
            for i, rate in enumerate(run_jax(threads, args.data)):
                theirs[i].append(rate)
        print(f"\n{threads} thread{'s' if threads > 1 else ''} (taskset -c {cores(threads)}); " + "; ".join(header))
        print("| model | aelab samples/s | JAX samples/s | aelab / JAX | aelab epoch / its products |")
        print("| --- | --- | --- | --- | --- |")
        for i, (name, *_rest) in enumerate(MODELS):
            a, j = statistics.median(ours[i]), statistics.median(theirs[i])
            print(f"| {name} | {a:,.0f} | {j:,.0f} | {a / j:.2f}x | {statistics.median(ratios[i]):.2f}x |")


if __name__ == "__main__":
    main()
