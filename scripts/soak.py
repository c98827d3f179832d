#!/usr/bin/env python3
"""soak.py: the workbench trains for a given time under tmux with keys and resizes; prints its figures.

The release binary trains the default model on the built-in digits (with an epoch limit it
cannot reach) in a private tmux server at 100x30. Every --key-every seconds a key from a fixed
cycle (views d o i h F z v, tab, space twice (pause, resume), l < > t g, arrows, ? esc) is
sent; every --resize-every seconds the window takes the next size of 80x24, 100x30, 120x40,
60x20 (too small) and 100x30. The workbench writes its own figures (AELAB_STATS: frames and
their render times, training totals, resident memory) every 10 s; this script also reads the
process's VmRSS from /proc every --rss-every seconds. At the end it quits with q, checks that
the process exited with status 0, and prints:
  resident memory after the warm-up (3 min from a 10-minute run on), at the end and its
  maximum, with the growth between, and a reading a minute;
  frames drawn and render times (max, p99) over the whole run;
  training throughput per window (5 minutes, or a third of the time after warm-up when shorter),
  in samples per second and per CPU second of the process (the second drops less when other
  processes take the CPU);
  PASS/FAIL against: memory growth after warm-up < 5%, every frame < 50 ms, last window's
  throughput >= 90% of the first's.
Figures are printed, never asserted by `make test`.

    python3 scripts/soak.py --minutes 30          (or: make soak SOAK_MINUTES=30)
Python 3 standard library only; needs tmux. The binary is copied to a temporary folder first.
"""

import argparse
import os
import shlex
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from workbench_figures import REPO, Tmux, percentile, read_stats, status_line, wait_running  # noqa: E402

# One event every --key-every seconds, in this order, over and over; "pause" is space, 1 s, space.
EVENTS = ["d", "o", "l", ">", ">", "<", "<", "l", "i", "Right", "Left", "h", "F", "z", "Up", "Down",
          "v", "Tab", "Tab", "pause", "t", "g", "?", "Escape", "d"]
NAMED = {"Right", "Left", "Up", "Down", "Tab", "Escape"}  # tmux key names, sent without -l
SIZES = [(80, 24), (100, 30), (120, 40), (60, 20), (100, 30)]
RSS_GROWTH_LIMIT = 0.05
FRAME_LIMIT_MS = 50
THROUGHPUT_FLOOR = 0.90


def fail(message):
    print(f"soak: {message}", file=sys.stderr)
    sys.exit(1)


def find_aelab(root, binary):
    """The pid of the process under `root` (the pane's shell) running `binary`, or None.
    (Matched by /proc/PID/exe: aelab re-executes itself, so its name shows as "exe".)"""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as file:
                text = file.read()
        except OSError:
            continue
        ppid = int(text[text.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    target = os.path.realpath(binary)
    queue = [root]
    while queue:
        pid = queue.pop(0)
        try:
            if os.path.realpath(os.readlink(f"/proc/{pid}/exe")) == target:
                return pid
        except OSError:
            pass
        queue.extend(children.get(pid, []))
    return None


def vm_rss_bytes(pid):
    """VmRSS of `pid` from /proc/PID/status, in bytes; None when gone."""
    try:
        with open(f"/proc/{pid}/status") as file:
            for line in file:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def send_event(tmux, event):
    if event == "pause":
        tmux.send(" ")
        time.sleep(1.0)
        tmux.send(" ")
    elif event in NAMED:
        tmux.run("send-keys", "-t", tmux.session, event)
    else:
        tmux.send(event)


def interpolate(points, t):
    """Linear interpolation of (time, value) points at `t` (clamped to the ends)."""
    if t <= points[0][0]:
        return points[0][1]
    for (t0, v0), (t1, v1) in zip(points, points[1:]):
        if t0 <= t <= t1:
            return v0 + (v1 - v0) * (t - t0) / (t1 - t0) if t1 > t0 else v1
    return points[-1][1]


def mb(value):
    return f"{value / 1e6:.1f} MB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--binary", default=os.path.join(REPO, ".build/release/aelab"))
    parser.add_argument("--key-every", type=float, default=2.0, help="seconds between key events")
    parser.add_argument("--resize-every", type=float, default=30.0, help="seconds between resizes")
    parser.add_argument("--rss-every", type=float, default=5.0, help="seconds between VmRSS readings")
    options = parser.parse_args()
    if shutil.which("tmux") is None:
        fail("`tmux` is not installed; install it with:  sudo apt-get install -y tmux")
    if not os.access(options.binary, os.X_OK):
        fail(f"{options.binary} is missing; build it first with `make release`.")

    duration = options.minutes * 60
    # From 10 minutes on, the warm-up covers one whole cycle of keys (50 s) and of window sizes
    # (150 s), so every view and size has allocated what it keeps before memory is compared;
    # shorter runs (a check of the script) compare from 30 s or a sixth of the time.
    cycle = max(len(EVENTS) * options.key_every, len(SIZES) * options.resize_every)
    warmup = max(180.0, cycle + 30) if duration >= 600 else max(30.0, duration / 6)
    if duration < warmup + 60:
        fail(f"--minutes {options.minutes:g} is too short: the warm-up alone is {warmup:.0f} s")
    work = tempfile.mkdtemp(prefix="aelab-soak-")
    binary = os.path.join(work, "aelab")
    shutil.copy2(options.binary, binary)  # immune to a rebuild during the run
    stats_path = os.path.join(work, "stats.jsonl")
    exit_path = os.path.join(work, "exit-status")
    args = ["workbench", "--data", "digits", "--epochs", "1000000",
            "--save-dir", os.path.join(work, "runs"), "--autosave-dir", os.path.join(work, "autosave")]
    inner = " ".join(shlex.quote(a) for a in [
        "env", "LC_ALL=C.UTF-8", f"AELAB_HOME={REPO}", f"AELAB_PRESETS={os.path.join(REPO, 'samples')}",
        f"AELAB_STATS={stats_path}", "AELAB_STATS_SECONDS=10", binary, *args])
    command = f"sh -c {shlex.quote(inner + '; echo $? > ' + shlex.quote(exit_path))}"
    os.environ.update(LC_ALL="C.UTF-8")
    os.environ.pop("TMUX", None)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("soak: stopped"))
    load_before = os.getloadavg()
    print(f"soak: aelab workbench --data digits --epochs 1000000 for {options.minutes:g} min in tmux "
          f"(100x30); a key every {options.key_every:g} s, a resize every {options.resize_every:g} s, "
          f"VmRSS every {options.rss_every:g} s; warm-up {warmup:.0f} s", flush=True)

    tmux = Tmux(f"soak-{os.getpid()}")
    rss, events, resizes, anomalies, log = [], 0, 0, [], []
    exit_status = None
    try:
        tmux.start(command, work)
        wait_running(tmux)
        pid = None
        deadline = time.monotonic() + 10
        while pid is None and time.monotonic() < deadline:
            pid = find_aelab(tmux.pane_pid, binary) if tmux.pane_pid else None
            time.sleep(0.1)
        if pid is None:
            fail("could not find the aelab process under the tmux pane")
        start = time.monotonic()
        next_key, next_resize, next_rss, next_report = start, start + options.resize_every, start, start + 60
        index, size_index = 0, 0
        while True:
            now = time.monotonic()
            if now - start >= duration:
                break
            if now >= next_rss:
                value = vm_rss_bytes(pid)
                if value is None:
                    fail(f"aelab (pid {pid}) is gone after {now - start:.0f} s; last screen:\n" + tmux.capture())
                rss.append((now - start, value))
                next_rss += options.rss_every
            if now >= next_resize:
                width, height = SIZES[size_index % len(SIZES)]
                tmux.run("resize-window", "-t", tmux.session, "-x", str(width), "-y", str(height), check=False)
                log.append((time.time(), f"resize {width}x{height}"))
                size_index += 1
                resizes += 1
                next_resize += options.resize_every
            if now >= next_key:
                event = EVENTS[index % len(EVENTS)]
                log.append((time.time(), event))
                send_event(tmux, event)
                index += 1
                events += 1
                if event == "pause":
                    time.sleep(0.5)
                    line = status_line(tmux.capture())
                    if line.startswith("PAUSED"):
                        anomalies.append(f"{now - start:.0f} s: still PAUSED after space twice; pressed space again")
                        tmux.send(" ")
                next_key += options.key_every
            if now >= next_report:
                lines = read_stats(stats_path)
                if lines:
                    last = lines[-1]
                    print(f"  {now - start:5.0f} s: {last['steps']} steps, {last['samples_per_s']:,.0f} samples/s, "
                          f"RSS {mb(last['rss_bytes'] or 0)}, frames {last['frames_total']}, "
                          f"render max {last['render_max_ms_total']:.1f} ms", flush=True)
                next_report += 60
            if tmux.pane_dead():
                fail(f"the workbench exited after {now - start:.0f} s; last screen:\n" + tmux.capture())
            time.sleep(max(0.0, min(next_key, next_resize, next_rss, next_report) - time.monotonic()))
        end_screen = tmux.capture()  # at whatever size the last resize left
        tmux.run("resize-window", "-t", tmux.session, "-x", "100", "-y", "30", check=False)
        time.sleep(1.0)
        tmux.send("\x1b")  # close a help overlay, if one is open
        time.sleep(0.5)
        final_line = status_line(tmux.capture())
        tmux.send("q")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not os.path.exists(exit_path):
            time.sleep(0.1)
        time.sleep(0.2)
        if os.path.exists(exit_path):
            with open(exit_path) as file:
                exit_status = file.read().strip()
        exited = vm_rss_bytes(pid) is None
    finally:
        tmux.kill()
    stats = read_stats(stats_path)
    with open(stats_path) as file:
        raw_lines = sum(1 for _ in file)
    shutil.rmtree(work, ignore_errors=True)
    report(options, duration, warmup, rss, stats, raw_lines, events, resizes, anomalies, log, final_line,
           end_screen, exit_status, exited, load_before, os.getloadavg())


def report(options, duration, warmup, rss, stats, raw_lines, events, resizes, anomalies, log, final_line,
           end_screen, exit_status, exited, load_before, load_after):
    verdicts = []

    def verdict(ok, text):
        verdicts.append(ok)
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")

    print()
    print(f"aelab soak, {options.minutes:g} min  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load average {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f} before, "
          f"{load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} after)")
    print(f"  {events} key events, {resizes} resizes; {len(stats)} stats lines "
          f"({raw_lines - len(stats)} unreadable); status line at the end: {final_line.strip()[:90]}")
    for note in anomalies:
        print(f"  note: {note}")

    # memory
    after = [(t, v) for t, v in rss if t >= warmup]
    if after:
        first, last, peak = after[0][1], after[-1][1], max(v for _, v in after)
        growth = (last - first) / first
        hours = (after[-1][0] - after[0][0]) / 3600
        rate = (last - first) / hours if hours > 0 else 0
        print(f"memory (VmRSS every {options.rss_every:g} s): {mb(rss[0][1])} at start, {mb(first)} after the "
              f"{warmup:.0f} s warm-up, {mb(last)} at the end, max {mb(peak)} after warm-up; growth "
              f"{growth:+.1%} ({rate / 1e6:+.1f} MB/hour)")
        minutes = [v for t, v in rss if abs(t / 60 - round(t / 60)) * 60 < options.rss_every / 2 and t >= 30]
        print("  a reading a minute: " + ", ".join(f"{v / 1e6:.1f}" for v in minutes) + " MB")
        verdict(growth < RSS_GROWTH_LIMIT,
                f"memory growth after warm-up < {RSS_GROWTH_LIMIT:.0%} (what grows until it is full: the trainer's "
                f"per-epoch record, ~300 bytes an epoch up to 2,048 epochs, ~7 min of digits; a leak of one snapshot "
                f"per publish, >= 100 KB 5 times a second, would pass it within a minute)")
    else:
        verdict(False, "no memory readings after the warm-up")

    # frames
    if stats:
        last = stats[-1]
        over = sum(s.get("frames_over_50ms", 0) for s in stats)
        print(f"frames (drawn by the workbench, compose + present, timed inside): {last['frames_total']} frames, "
              f"max {last['render_max_ms_total']:.1f} ms, p99 {last['render_p99_ms_total']:.1f} ms, "
              f"{over} at 50 ms or more; the worst 10 s interval's p50 "
              f"{max(s['render_p50_ms'] for s in stats):.1f} ms")
        verdict(last["render_max_ms_total"] < FRAME_LIMIT_MS, f"every frame rendered in < {FRAME_LIMIT_MS} ms")
        t0 = stats[0]["time"] - stats[0]["seconds"]
        for s in stats:
            if s["render_max_ms"] >= FRAME_LIMIT_MS:
                begin = s["time"] - s["seconds"]
                sent = [name for at, name in log if begin - 1 <= at <= s["time"]]
                print(f"  slow: {s['frames_over_50ms']} frame(s) >= {FRAME_LIMIT_MS} ms (max {s['render_max_ms']:.1f}) "
                      f"in {begin - t0:.0f}-{s['time'] - t0:.0f} s; sent then: {' '.join(sent) or 'nothing'}")
        inner = [(s["time"], s["rss_bytes"]) for s in stats if s.get("rss_bytes")]
        if inner:
            print(f"  (RSS from /proc/self/statm in the stats lines: {mb(inner[0][1])} first, "
                  f"{mb(inner[-1][1])} last)")
    else:
        verdict(False, "the workbench wrote no stats lines")

    # throughput per window after the warm-up
    if len(stats) >= 2:
        t0 = stats[0]["time"] - stats[0]["seconds"]
        points = [(0.0, 0)] + [(s["time"] - t0, s["samples"]) for s in stats]
        end = points[-1][0]
        length = 300.0 if end - warmup >= 3 * 300 else (end - warmup) / 3
        cpu = [(s["time"] - t0, s["cpu_s"]) for s in stats if s.get("cpu_s") is not None]
        windows = []
        start = warmup
        while start + length <= end + 1e-6:
            samples = interpolate(points, start + length) - interpolate(points, start)
            seconds = interpolate(cpu, start + length) - interpolate(cpu, start) if len(cpu) >= 2 else 0
            windows.append((start, samples / length, samples / seconds if seconds > 0 else 0))
            start += length
        if len(windows) >= 2:
            shown = ", ".join(f"{int(s // 60)}:{int(s % 60):02d} {rate:,.0f} ({per_cpu:,.0f})"
                              for s, rate, per_cpu in windows)
            print(f"throughput per {length:.0f} s window after warm-up, from the stats lines (includes the 1 s "
                  f"pauses), samples/s (samples per CPU second): {shown}")
            ratio = windows[-1][1] / windows[0][1] if windows[0][1] > 0 else 0
            cpu_ratio = windows[-1][2] / windows[0][2] if windows[0][2] > 0 else 0
            verdict(ratio >= THROUGHPUT_FLOOR,
                    f"last window's throughput >= {THROUGHPUT_FLOOR:.0%} of the first's ({ratio:.1%}; per CPU "
                    f"second {cpu_ratio:.1%}, less sensitive to other processes' load, though OpenBLAS's spinning "
                    f"threads burn more CPU when they compete)")
        else:
            verdict(False, "too little time after the warm-up for two throughput windows")
        print(f"training: {stats[-1]['steps']} steps, {stats[-1]['samples']:,} samples "
              f"({stats[-1]['samples'] / 9000:,.0f} epochs of the 9,000 training digits)")

    # exit
    verdict(exited and exit_status == "0", f"q quit the workbench (exit status {exit_status}, process gone: {exited})")
    print(f"soak: {'PASS' if all(verdicts) else 'FAIL'} ({sum(verdicts)}/{len(verdicts)} checks)")
    if not all(verdicts):
        print("screen before quitting:\n" + end_screen)


if __name__ == "__main__":
    main()
