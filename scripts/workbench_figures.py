#!/usr/bin/env python3
"""workbench_figures.py: measures the README's workbench figures with the real binary in tmux.

Three figures, measured (never timed tests):
  1. keystroke-to-screen latency while training at full speed (median and 95th percentile),
  2. bytes written to the terminal per second by the dashboard in steady state,
  3. training throughput inside the workbench against `aelab train` headless.
With --four-runs, only one figure instead: keystroke-to-screen latency (median, p95, max) while
four runs train at once (the first run paired in turn with presets 2, 3 and 4: `c 2`, `c 3`, `c 4`).

Python 3 standard library only. Needs tmux and script (util-linux). Run from anywhere:
    python3 scripts/workbench_figures.py            (or: make figures)
    python3 scripts/workbench_figures.py --four-runs
The binary is copied to a temporary folder first, so a rebuild during the run cannot break it.
Files the workbench writes (autosaves on quit) go to that temporary folder too.
"""

import argparse
import json
import os
import pty
import random
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FASHION = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
WIDTH, HEIGHT = 100, 30
# Long enough that the workbench is still training at full speed when the figures are taken
# (the default 20 epochs of fashion take about 20 s). The model is otherwise the default one.
WORKBENCH_EPOCHS = 1000
HELP_MARKER = "step one epoch"  # a line of the help overlay (`?`)
FROZEN_MARKER = "FROZEN"  # shown on the status line while the display is frozen (`f`)
RATE = re.compile(r"(\d+(?:\.\d+)?)([kM]?) samples/s")
PROGRESS = re.compile(r"epoch (\d+)/\d+\s+batch (\d+)/(\d+)")


def fail(message):
    print(f"workbench_figures: {message}", file=sys.stderr)
    sys.exit(1)


def percentile(values, share):
    """Nearest-rank percentile (share in 0...1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, int(-(-share * len(ordered) // 1)))  # ceil(share * n), at least 1
    return ordered[min(rank, len(ordered)) - 1]


def parse_rate(text):
    """Samples/s from a status line ("55k samples/s" -> 55000.0), or None."""
    match = RATE.search(text)
    if not match:
        return None
    scale = {"": 1, "k": 1e3, "M": 1e6}[match.group(2)]
    return float(match.group(1)) * scale


class Tmux:
    """A private tmux server (its own socket, no user config) holding one 100x30 session."""

    def __init__(self, socket):
        self.socket = socket
        self.session = "figures"
        self.socket_path = None
        self.pane_pid = None

    def run(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check)

    def start(self, command, cwd):
        self.run("new-session", "-d", "-s", self.session, "-x", str(WIDTH), "-y", str(HEIGHT),
                 "-c", cwd, command)
        self.run("set-option", "-t", self.session, "remain-on-exit", "on", check=False)
        fields = self.run("display-message", "-p", "#{socket_path} #{pane_pid}", check=False).stdout.split()
        if len(fields) == 2:
            self.socket_path, self.pane_pid = fields[0], int(fields[1])

    def capture(self):
        return self.run("capture-pane", "-p", "-t", self.session, check=False).stdout

    def send(self, key):
        self.run("send-keys", "-t", self.session, "-l", key)

    def pane_dead(self):
        out = self.run("display-message", "-p", "-t", self.session, "#{pane_dead}", check=False)
        return out.stdout.strip() == "1"

    def stop(self):
        """Quits aelab with q (it autosaves to the temporary folder), then ends this server."""
        if self.run("has-session", "-t", self.session, check=False).returncode == 0:
            self.send("q")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not self.pane_dead():
                time.sleep(0.1)
        self.kill()

    def kill(self):
        """Ends this server, waits for the pane's process (it autosaves on hang-up), and removes
        the server's socket file (tmux 3.3 leaves it behind)."""
        self.run("kill-server", check=False)
        deadline = time.monotonic() + 10
        while self.pane_pid and time.monotonic() < deadline:
            try:
                os.kill(self.pane_pid, 0)
            except OSError:
                break
            time.sleep(0.05)
        if self.socket_path and os.path.basename(self.socket_path) == self.socket:
            try:
                os.unlink(self.socket_path)
            except OSError:
                pass


def status_line(screen):
    lines = screen.rstrip("\n").split("\n")
    return lines[-1] if lines else ""


def wait_running(tmux, timeout=120):
    """Waits until the status line says RUNNING and shows a samples/s rate; returns the screen."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux.capture()
        line = status_line(screen)
        if "RUNNING" in line and parse_rate(line):
            return screen
        if tmux.pane_dead():
            break
        time.sleep(0.1)
    fail("the workbench never showed RUNNING with a samples/s rate; last screen:\n" + screen)


def measure_latency(tmux, key, marker, presses):
    """Sends `key` `presses` times; each time polls capture-pane until `marker` toggles.

    Returns (latencies in s, capture-pane call durations in s, send-keys durations in s, misses).
    A latency runs from just before send-keys to the end of the first capture showing the change.
    """
    latencies, captures, sends, misses = [], [], [], 0
    for _ in range(presses):
        time.sleep(random.uniform(0.15, 0.35))  # not phase-locked to the frame clock
        shown_before = marker in tmux.capture()
        started = time.perf_counter()
        tmux.send(key)
        sent = time.perf_counter()
        sends.append(sent - started)
        while True:
            before = time.perf_counter()
            shown = marker in tmux.capture()
            after = time.perf_counter()
            captures.append(after - before)
            if shown != shown_before:
                latencies.append(after - started)
                break
            if after - started > 5:
                misses += 1
                break
    return latencies, captures, sends, misses


def sample_steady_state(tmux, seconds, every):
    """Reads the status line every `every` s for `seconds` s while RUNNING.

    Returns (status-line rates, progress readings (time, epoch, batch, batches per epoch)).
    """
    rates, progress = [], []
    end = time.monotonic() + seconds
    while True:
        line = status_line(tmux.capture())
        now = time.monotonic()
        if "RUNNING" in line:
            rate = parse_rate(line)
            if rate:
                rates.append(rate)
            match = PROGRESS.search(line)
            if match:
                progress.append((now, int(match.group(1)), int(match.group(2)), int(match.group(3))))
        if now >= end:
            return rates, progress
        time.sleep(min(every, max(0.0, end - now)))


def open_four_runs(tmux):
    """Pairs the selected run with presets 2, 3 and 4 (`c 2`, `c 3`, `c 4`), waiting each time
    for the status line to count the runs; then waits for RUNNING (the pairing note may hide
    the samples/s rate, so the rate is not required). Returns the status line."""
    for count, preset in ((2, "2"), (3, "3"), (4, "4")):
        tmux.send("c")
        tmux.send(preset)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and f"run 1/{count}" not in status_line(tmux.capture()):
            time.sleep(0.1)
        if f"run 1/{count}" not in status_line(tmux.capture()):
            fail(f"the status line never showed run 1/{count} after c {preset}; last screen:\n" + tmux.capture())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = status_line(tmux.capture())
        if line.startswith("RUNNING") and "run 1/4" in line:
            return line
        time.sleep(0.1)
    fail("four runs were not RUNNING after pairing; last screen:\n" + tmux.capture())


def read_stats(path):
    """The JSON lines the workbench wrote (AELAB_STATS), skipping any partial last line."""
    lines = []
    try:
        with open(path) as file:
            for text in file:
                try:
                    lines.append(json.loads(text))
                except ValueError:
                    pass
    except OSError:
        pass
    return lines


def four_runs(options, binary, work, data):
    """The --four-runs mode: latency of ? and f with four runs training; prints its own report."""
    args = ["workbench", "--data", data, "--epochs", str(WORKBENCH_EPOCHS),
            "--save-dir", os.path.join(work, "runs"), "--autosave-dir", os.path.join(work, "autosave")]
    stats = os.path.join(work, "stats.jsonl")
    # the checkout's presets (keys 2-4) and themes; the workbench's own figures every 2 s
    command = " ".join(shlex.quote(a) for a in [
        "env", "LC_ALL=C.UTF-8", f"AELAB_HOME={REPO}", f"AELAB_PRESETS={os.path.join(REPO, 'samples')}",
        f"AELAB_STATS={stats}", "AELAB_STATS_SECONDS=2", binary, *args])
    socket = f"figures-{os.getpid()}"
    load_before = os.getloadavg()
    print(f"four runs: aelab workbench --data {data} --epochs {WORKBENCH_EPOCHS}, then c 2, c 3, c 4; "
          f"{options.presses} presses of ? and of f ...", flush=True)
    tmux = Tmux(socket)
    results = {}
    try:
        tmux.start(command, work)
        wait_running(tmux)
        line = open_four_runs(tmux)
        time.sleep(3)
        measured_from = time.time()
        for name, key, marker in (("?", "?", HELP_MARKER), ("f", "f", FROZEN_MARKER)):
            results[name] = measure_latency(tmux, key, marker, options.presses)
        measured_to = time.time()
        last = status_line(tmux.capture())
        if "run 1/4" not in last or not last.startswith("RUNNING"):
            fail("the four runs were not all still RUNNING at the end; last screen:\n" + tmux.capture())
        time.sleep(2.5)  # one more stats line after the last press
        window = [s for s in read_stats(stats) if measured_from + 2 <= s["time"] <= measured_to + 2.5]
    finally:
        tmux.stop()
    load_after = os.getloadavg()
    print()
    print(f"aelab workbench, four runs training  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after)")
    print(f"status line after pairing: {line.strip()}")
    everything = []
    for key, label in (("?", "? toggles help overlay"), ("f", "f toggles FROZEN (status line)")):
        latencies, captures, _, misses = results[key]
        everything += latencies
        if latencies:
            print(f"  key-to-screen, {label}: median {ms(statistics.median(latencies))}, "
                  f"p95 {ms(percentile(latencies, 0.95))}, max {ms(max(latencies))} (n={len(latencies)}"
                  + (f", {misses} missed" if misses else "") + ")")
        else:
            print(f"  key-to-screen, {label}: no change seen in {misses} presses")
    if everything:
        print(f"  both keys: median {ms(statistics.median(everything))}, p95 {ms(percentile(everything, 0.95))}, "
              f"max {ms(max(everything))} (n={len(everything)}); "
              + verdict(max(everything) < 0.1, "every key < 100 ms"))
    captures = [c for key in ("?", "f") for c in results[key][1]]
    print(f"  (capture-pane polling resolution {ms(statistics.median(captures))} median, included)")
    if window:
        seconds = sum(s["seconds"] for s in window)
        samples = window[-1]["samples"] - window[0]["samples"] + window[0]["samples_per_s"] * window[0]["seconds"]
        print(f"  while measuring ({seconds:.0f} s of AELAB_STATS lines): {sum(s['frames'] for s in window)} frames, "
              f"render max {max(s['render_max_ms'] for s in window):.1f} ms, "
              f"interval p99 up to {max(s['render_p99_ms'] for s in window):.1f} ms; "
              f"training {samples / seconds:,.0f} samples/s over the four runs")


def run_headless(binary, args, cwd, env):
    """Runs `aelab train` on a pty (so each epoch line arrives when printed).

    Returns (train set size, [(arrival time, samples/s, epoch seconds)]).
    """
    primary, secondary = pty.openpty()
    process = subprocess.Popen([binary, *args], stdin=subprocess.DEVNULL, stdout=secondary,
                               stderr=subprocess.STDOUT, cwd=cwd, env=env, close_fds=True)
    os.close(secondary)
    buffer, lines = b"", []
    while True:
        ready, _, _ = select.select([primary], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # EIO: the child closed the pty
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                lines.append((time.monotonic(), line.decode("utf-8", "replace").rstrip("\r")))
        elif process.poll() is not None:
            break
    os.close(primary)
    if process.wait() != 0:
        fail("headless training failed:\n" + "\n".join(text for _, text in lines))
    train_size, epochs = None, []
    for arrived, text in lines:
        size = re.search(r"\((\d+) train", text)
        if size:
            train_size = int(size.group(1))
        epoch = re.search(r"^epoch \d+/\d+ .* (\d+) samples/s\s+([\d.]+) s", text)
        if epoch:
            epochs.append((arrived, float(epoch.group(1)), float(epoch.group(2))))
    if train_size is None or not epochs:
        fail("could not parse the headless output:\n" + "\n".join(text for _, text in lines))
    return train_size, epochs


def set_paused(tmux, paused):
    """Presses space and waits for the status line to say PAUSED (or RUNNING again)."""
    want = "PAUSED" if paused else "RUNNING"
    tmux.send(" ")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if status_line(tmux.capture()).startswith(want):
            return
        time.sleep(0.05)
    fail(f"the workbench did not show {want} after space; last screen:\n" + tmux.capture())


def byte_breakdown(output):
    """Where a window of terminal output went: shares of colour (SGR) sequences, the status line,
    and the left and right halves of the screen, by the cursor position each write starts at."""
    sgr = sum(len(m.group(0)) for m in re.finditer(rb"\x1b\[[0-9;]*m", output))
    areas = {"status line": 0, "left half": 0, "right half": 0}
    moves = list(re.finditer(rb"\x1b\[(\d+);(\d+)H", output))
    for index, move in enumerate(moves):
        end = moves[index + 1].start() if index + 1 < len(moves) else len(output)
        row, column = int(move.group(1)), int(move.group(2))
        area = "status line" if row == HEIGHT else ("left half" if column <= WIDTH // 2 else "right half")
        areas[area] += end - move.start()
    total = max(len(output), 1)
    return {"colour sequences": sgr / total, **{k: v / total for k, v in areas.items()}}


def progress_rate(progress, samples_per_batch):
    """Wall-clock samples/s from the first and last status-line progress readings."""
    if len(progress) < 2:
        return None
    (t0, e0, b0, n), (t1, e1, b1, _) = progress[0], progress[-1]
    batches = (e1 * n + b1) - (e0 * n + b0)
    return batches * samples_per_batch / (t1 - t0) if t1 > t0 and batches > 0 else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(REPO, ".build/release/aelab"))
    parser.add_argument("--presses", type=int, default=30, help="key presses per latency figure")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of training before measuring bytes")
    parser.add_argument("--window", type=float, default=20, help="seconds over which bytes are counted")
    parser.add_argument("--rounds", type=int, default=4,
                        help="throughput rounds (one headless run and one workbench sample each)")
    parser.add_argument("--sample", type=float, default=6,
                        help="seconds of workbench status line read per throughput round")
    parser.add_argument("--data", choices=["fashion", "digits"],
                        help="data set (default: fashion when installed, else digits)")
    parser.add_argument("--four-runs", action="store_true",
                        help="only the key-to-screen latency with four runs training at once")
    options = parser.parse_args()

    # script is util-linux's; Debian and Ubuntu ship it in bsdutils.
    for tool, package in (("tmux", "tmux"), ("script", "bsdutils")):
        if shutil.which(tool) is None:
            fail(f"`{tool}` is not installed and the figures need it to drive the workbench; "
                 f"install it with:  sudo apt-get install -y {package}")
    if not os.access(options.binary, os.X_OK):
        fail(f"{options.binary} is missing; build it first with `make release`.")

    data = options.data or ("fashion" if os.path.exists(FASHION) else "digits")
    work = tempfile.mkdtemp(prefix="aelab-figures-")
    binary = os.path.join(work, "aelab")
    shutil.copy2(options.binary, binary)  # immune to a rebuild during the run
    env = dict(os.environ, LC_ALL="C.UTF-8", AELAB_HOME=REPO)
    env.pop("TMUX", None)
    if options.four_runs:
        os.environ.update(LC_ALL="C.UTF-8")
        os.environ.pop("TMUX", None)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit("workbench_figures: stopped"))
        try:
            four_runs(options, binary, work, data)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    model = ["--data", data]  # the default model: --layers 32 relu/sigmoid BCE Adam lr 1e-3 batch 128
    workbench_args = ["workbench", *model, "--epochs", str(WORKBENCH_EPOCHS),
                      "--save-dir", os.path.join(work, "runs"),
                      "--autosave-dir", os.path.join(work, "autosave")]
    workbench_command = " ".join(shlex.quote(a) for a in ["env", "LC_ALL=C.UTF-8", binary, *workbench_args])
    shown_command = f"aelab workbench --data {data} --epochs {WORKBENCH_EPOCHS}"
    headless_args = ["train", *model, "--epochs", "2"]
    load_before = os.getloadavg()
    socket = f"figures-{os.getpid()}"
    os.environ.update(LC_ALL="C.UTF-8")  # tmux's client decides UTF-8 from the locale
    os.environ.pop("TMUX", None)
    results = {}
    tmux = Tmux(socket)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("workbench_figures: stopped"))  # still clean up
    try:
        # 1. keystroke-to-screen latency
        print(f"[1/3] latency: {shown_command} at {WIDTH}x{HEIGHT}, "
              f"{options.presses} presses of ? and of f ...", flush=True)
        tmux.start(workbench_command, work)
        wait_running(tmux)
        time.sleep(3)
        for name, key, marker in (("?", "?", HELP_MARKER), ("f", "f", FROZEN_MARKER)):
            results[name] = measure_latency(tmux, key, marker, options.presses)
        tmux.stop()

        # 2. bytes per second, and the workbench's throughput in that steady state
        typescript = os.path.join(work, "typescript")
        script_command = f"script -q -f -c {shlex.quote(workbench_command)} {shlex.quote(typescript)}"
        print(f"[2/3] bytes: script -q -f -c '{shown_command}' typescript, {options.warmup:g} s warm-up, "
              f"{options.window:g} s window ...", flush=True)
        tmux = Tmux(socket)
        tmux.start(script_command, work)
        wait_running(tmux)
        time.sleep(options.warmup)
        size0, time0 = os.path.getsize(typescript), time.monotonic()
        rates, _ = sample_steady_state(tmux, options.window, every=2.0)
        size1, time1 = os.path.getsize(typescript), time.monotonic()
        if "RUNNING" not in status_line(tmux.capture()):
            fail("the workbench was not RUNNING at the end of the byte window; last screen:\n" + tmux.capture())
        results.update(byte_count=size1 - size0, byte_seconds=time1 - time0, rates=rates)
        with open(typescript, "rb") as file:
            file.seek(size0)
            results["breakdown"] = byte_breakdown(file.read(size1 - size0))

        # 3. throughput, paired: each round pauses the same workbench, runs the headless command
        # alone, resumes, and reads the status line; so both halves of a round see the same load.
        print(f"[3/3] throughput: {options.rounds} rounds of (workbench paused: aelab {' '.join(headless_args)}; "
              f"workbench resumed: {options.sample:g} s of status line) ...", flush=True)
        rounds = []
        for _ in range(options.rounds):
            set_paused(tmux, True)
            train_size, epochs = run_headless(binary, headless_args, work, env)
            set_paused(tmux, False)
            time.sleep(2.0)  # the first rate window after a pause spans the pause
            readings, steps = sample_steady_state(tmux, options.sample, every=0.5)
            rounds.append((epochs, readings, steps))
        results.update(rounds=rounds, train_size=train_size)
    finally:
        tmux.stop()
        shutil.rmtree(work, ignore_errors=True)
    results.update(load_before=load_before, load_after=os.getloadavg(), data=data, socket=socket,
                   workbench=shown_command, headless_command="aelab " + " ".join(headless_args))
    report(results, options)


def spread(values):
    return f"{min(values) / 1000:.0f}k-{max(values) / 1000:.0f}k"


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def verdict(met, target):
    return f"{target}: " + ("met" if met else "NOT met")


def report(results, options):
    """Prints the figures as a table, then how each was measured."""
    before, after = results["load_before"], results["load_after"]
    print()
    print(f"aelab workbench figures  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load average "
          f"{before[0]:.2f} {before[1]:.2f} {before[2]:.2f} before, {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} after)")
    print(f"data: {results['data']}; model: the default (784-32-784 relu/sigmoid, BCE, Adam lr 0.001, "
          f"batch 128, 2 BLAS threads)")
    print()
    rows, all_captures, all_sends = [], [], []
    for key, label in (("?", "? toggles help overlay"), ("f", "f toggles FROZEN (status line)")):
        latencies, captures, sends, misses = results[key]
        all_captures += captures
        all_sends += sends
        if latencies:
            value = f"median {ms(statistics.median(latencies))}, p95 {ms(percentile(latencies, 0.95))}"
            value += f" (n={len(latencies)}" + (f", {misses} missed" if misses else "") + ")"
        else:
            value = f"no change seen in {misses} presses"
        rows.append((f"key-to-screen latency, {label}", value, "-"))

    kbs = results["byte_count"] / results["byte_seconds"] / 1000
    rows.append(("bytes to the terminal, dashboard steady state", f"{kbs:.2f} KB/s",
                 verdict(kbs < 10, "< 10 KB/s")))

    train_size, rounds = results["train_size"], results["rounds"]
    batches_per_epoch = next((steps[0][3] for _, _, steps in rounds if steps), None)
    per_batch = train_size / batches_per_epoch if batches_per_epoch else None
    bench_all = [rate for _, readings, _ in rounds for rate in readings]
    head_all = [rate for epochs, _, _ in rounds for _, rate, _ in epochs]
    ratios, wall_ratios = [], []
    for epochs, readings, steps in rounds:
        if readings:
            ratios.append(statistics.median(readings) / statistics.median(r for _, r, _ in epochs))
        bench_wall = progress_rate(steps, per_batch) if per_batch else None
        if bench_wall and len(epochs) > 1:
            wall_ratios.append(bench_wall * (epochs[-1][0] - epochs[-2][0]) / train_size)
    rows.append(("throughput in the workbench (status line)",
                 f"{statistics.median(bench_all):,.0f} samples/s (median of {len(bench_all)}, "
                 f"range {spread(bench_all)})" if bench_all else "no reading", "-"))
    rows.append(("throughput headless (aelab train)",
                 f"{statistics.median(head_all):,.0f} samples/s (median of {len(head_all)} epochs, "
                 f"range {spread(head_all)})", "-"))
    for label, values in (("ratio workbench / headless, median of rounds", ratios),
                          ("same, wall clock incl. validation", wall_ratios)):
        if values:
            ratio = statistics.median(values)
            rows.append((label, f"{ratio:.3f} (rounds: {', '.join(f'{v:.2f}' for v in values)})",
                         verdict(abs(ratio - 1) <= 0.05, "within 5%")))

    header = ("figure", "value", "target")
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(3)]
    for row in [header] + rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())

    shares = ", ".join(f"{name} {share:.0%}" for name, share in results["breakdown"].items())
    print()
    print("How each was measured:")
    print(f"  workbench: {results['workbench']} --save-dir <tmp> --autosave-dir <tmp>"
          f"  (in tmux -L {results['socket']} -f /dev/null, {WIDTH}x{HEIGHT}, LC_ALL=C.UTF-8)")
    print(f"  latency: after RUNNING + 3 s, {options.presses} presses per key 0.15-0.35 s apart; from before "
          f"`tmux send-keys` to the end of the first `capture-pane` showing the change; polling resolution "
          f"{ms(statistics.median(all_captures))} per capture-pane (median; p95 {ms(percentile(all_captures, 0.95))}); "
          f"send-keys itself takes {ms(statistics.median(all_sends))} (median), included")
    print(f"  bytes: script -q -f -c '<workbench>' typescript in the pane; growth of the typescript over "
          f"{results['byte_seconds']:.1f} s after RUNNING + {options.warmup:g} s ({results['byte_count']} bytes; "
          f"KB = 1000 bytes)")
    print(f"  bytes by kind and by where each cursor move lands: {shares}")
    steady = results["rates"]
    print(f"  throughput: {options.rounds} rounds; each pauses the workbench (space), runs "
          f"{results['headless_command']} on a pty, resumes, waits 2 s and reads the status line every 0.5 s for "
          f"{options.sample:g} s. A round's ratio is the median status-line rate over the median headless epoch "
          f"rate (headless times the training steps only). The wall-clock ratio uses the workbench's epoch/batch "
          f"progress x {per_batch or 0:.1f} samples per batch against the gap between the headless epoch lines.")
    if steady:
        print(f"  (status line in the byte window, no pauses: median {statistics.median(steady):,.0f} samples/s, "
              f"range {spread(steady)})")


if __name__ == "__main__":
    main()
