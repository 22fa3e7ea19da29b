#!/usr/bin/env python3
"""bench/recorder: our recorder against the reference's ffmpeg command, on the
same stream, in one run.

A demo rpi-cam-rtsp (under a temporary root, free loopback port) is recorded
at the same time by
  - rpi-cam-recorder (SEGMENT_SECONDS=N), and
  - the reference's exact command (rtsp_recorder.sh §2.3: video copied, audio
    re-encoded to AAC 64 kbit/s), and
  - the same ffmpeg command with the audio copied too (-c copy), for fairness,
for DURATION seconds. CPU time (utime+stime from /proc/PID/stat) and RSS
(VmRSS sampled every 0.25 s) are measured per process; segments are counted
and their durations probed with ffprobe. Ratios are ours / reference.

usage: bench/recorder/run.py [--build DIR] [--duration S] [--segment N]
Targets (issue 5): RSS <= 0.3x, CPU <= 1.0x. No pass/fail: numbers only.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def ipc_status(sock):
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(2)
            s.connect(sock)
            s.sendall(b'{"proto":"rpi-cam-ipc","v":1,"id":1,"cmd":"status"}\n')
            return json.loads(s.makefile().readline()).get("result") or {}
    except (OSError, ValueError):
        return {}


def probe_durations(directory):
    out = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".ts"):
            continue
        p = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                            "-of", "csv=p=0", os.path.join(directory, name)],
                           capture_output=True, text=True)
        try:
            out.append(float(p.stdout.strip()))
        except ValueError:
            out.append(0.0)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("RC_BUILD_DIR", "build"))
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--segment", type=int, default=10)
    a = ap.parse_args()
    rtsp_bin = os.path.join(a.build, "src", "rtsp", "rpi-cam-rtsp")
    rec_bin = os.path.join(a.build, "src", "recorder", "rpi-cam-recorder")
    for b in (rtsp_bin, rec_bin):
        if not os.path.exists(b):
            sys.exit(f"{b} missing: build first (meson setup/ninja) or pass --build")
    if shutil.which("ffmpeg") is None:
        sys.exit("ffmpeg missing (scripts/deps.sh)")

    root = tempfile.mkdtemp(prefix="rc-bench-rec-")
    port = free_port()
    os.makedirs(os.path.join(root, "etc", "rpi-cam"))
    os.makedirs(os.path.join(root, "dev"))
    with open(os.path.join(root, "etc", "rpi-cam", "config.env"), "w") as f:
        f.write(f"STREAM_SOURCE_MODE=demo\nRTSP_PORT={port}\nSEGMENT_SECONDS={a.segment}\n"
                "MIN_FREE_DISK_MB=0\nMAX_DISK_MB=0\nLOG_LEVEL=warning\n")
    url = f"rtsp://127.0.0.1:{port}/stream"
    dirs = {k: os.path.join(root, k) for k in ("ffmpeg-ref", "ffmpeg-copy")}
    for d in dirs.values():
        os.makedirs(d)
    procs = {}
    log = open(os.path.join(root, "bench.log"), "wb")
    try:
        rtsp = subprocess.Popen([rtsp_bin, "--root", root, "--foreground", "--dev-dir",
                                 os.path.join(root, "dev")], stdout=log, stderr=log)
        sock = os.path.join(root, "run", "rpi-cam", "rpi-cam-rtsp.sock")
        deadline = time.monotonic() + 60
        while ipc_status(sock).get("state") not in ("ready", "streaming"):
            if time.monotonic() > deadline or rtsp.poll() is not None:
                sys.exit("rpi-cam-rtsp did not start; see " + log.name)
            time.sleep(0.2)

        ref_args = ["-hide_banner", "-loglevel", "warning", "-rtsp_transport", "tcp",
                    "-analyzeduration", "10000000", "-probesize", "10000000",
                    "-fflags", "+genpts", "-use_wallclock_as_timestamps", "1", "-i", url,
                    "-map", "0:v", "-map", "0:a?"]
        seg_args = ["-f", "segment", "-segment_time", str(a.segment), "-segment_format",
                    "mpegts", "-strftime", "1", "-reset_timestamps", "1"]
        procs["ours"] = subprocess.Popen([rec_bin, "--root", root, "--foreground"],
                                         stdout=log, stderr=log)
        procs["ffmpeg-ref"] = subprocess.Popen(
            ["ffmpeg", "-nostdin", *ref_args, "-c:v", "copy", "-c:a", "aac", "-b:a", "64k",
             *seg_args, os.path.join(dirs["ffmpeg-ref"], "rec_%Y%m%d_%H%M%S.ts")],
            stdout=log, stderr=log)
        procs["ffmpeg-copy"] = subprocess.Popen(
            ["ffmpeg", "-nostdin", *ref_args, "-c", "copy", *seg_args,
             os.path.join(dirs["ffmpeg-copy"], "rec_%Y%m%d_%H%M%S.ts")],
            stdout=log, stderr=log)
        # warm-up (connection, first keyframe), then measure
        time.sleep(5)
        start = {k: cpu_seconds(p.pid) for k, p in procs.items()}
        rss = {k: [] for k in procs}
        pss = {k: [] for k in procs}
        t0 = time.monotonic()
        while time.monotonic() - t0 < a.duration:
            for k, p in procs.items():
                if p.poll() is None:
                    rss[k].append(rss_kib(p.pid))
                    pss[k].append(pss_kib(p.pid))
            time.sleep(0.25)
        wall = time.monotonic() - t0
        cpu = {k: (cpu_seconds(p.pid) - start[k]) / wall * 100 for k, p in procs.items()}
        for p in procs.values():
            p.send_signal(signal.SIGTERM if p is procs["ours"] else signal.SIGINT)
        for p in procs.values():
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        rtsp.send_signal(signal.SIGTERM)
        rtsp.wait(timeout=20)

        ours_dir = os.path.join(root, "var", "cache", "rpi-cam", "recordings")
        segs = {"ours": probe_durations(ours_dir),
                "ffmpeg-ref": probe_durations(dirs["ffmpeg-ref"]),
                "ffmpeg-copy": probe_durations(dirs["ffmpeg-copy"])}
        print(f"recorder benchmark: demo stream, {a.segment} s segments, {wall:.0f} s measured")
        print(f"{'':12} {'CPU %':>8} {'RSS max MiB':>12} {'PSS max MiB':>12} {'segments':>9} "
              f"{'median s':>9}")
        for k in procs:
            r = rss[k] or [0]
            d = segs[k][1:-1] or segs[k] or [0]  # whole segments only
            print(f"{k:12} {cpu[k]:8.2f} {max(r) / 1024:12.1f} {max(pss[k] or [0]) / 1024:12.1f} "
                  f"{len(segs[k]):9d} {statistics.median(d):9.2f}")
        for ref in ("ffmpeg-ref", "ffmpeg-copy"):
            rr = max(rss["ours"] or [0]) / max(max(rss[ref] or [1]), 1)
            pr = max(pss["ours"] or [0]) / max(max(pss[ref] or [1]), 1)
            cr = cpu["ours"] / cpu[ref] if cpu[ref] > 0 else float("inf")
            print(f"ours / {ref}: RSS {rr:.2f}x, PSS {pr:.2f}x (target <= 0.3x), "
                  f"CPU {cr:.2f}x (target <= 1.0x)")
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
        log.close()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
