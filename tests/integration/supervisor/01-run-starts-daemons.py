#!/usr/bin/env python3
"""`rpi-cam run` starts every daemon it finds, in dependency order, with
--root and RPI_CAM_ROOT, merges their output prefixed with the short unit name
and appends each unit's lines to its log file (reference names)."""
import os

from rcit import LOG_FILES, UNITS, Root, Supervisor, check, run_test, wait_until


def test(root):
    sup = Supervisor(root)
    st = sup.wait_running()
    for binary, unit in UNITS.items():
        pid = st[unit]["pid"]
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = [a.decode() for a in f.read().split(b"\0") if a]
        check(os.path.basename(argv[0]) == binary, f"{unit}: pid {pid} runs {argv}")
        check("--root" in argv and argv[argv.index("--root") + 1] == root.path,
              f"{unit}: no --root in {argv}")
        with open(f"/proc/{pid}/environ", "rb") as f:
            env = f.read().split(b"\0")
        check(b"RPI_CAM_ROOT=" + root.path.encode() in env, f"{unit}: RPI_CAM_ROOT not set")
        check(st[unit]["enabled"] is True, f"{unit}: not enabled")
        check(st[unit]["restarts"] == 0, f"{unit}: restarts {st[unit]['restarts']}")

    # merged output, prefixed; each daemon logs "fake daemon <name> running"
    for binary in UNITS:
        short = binary[len("rpi-cam-"):]
        sup.wait_output(f"{short:<8} | ")
        sup.wait_output(f"fake daemon {binary} running")

    # each unit's own lines in its log file, without prefix
    for binary, unit in UNITS.items():
        path = os.path.join(root.log_dir, LOG_FILES[unit])
        wait_until(lambda: os.path.exists(path) and
                   f"fake daemon {binary} running" in open(path).read(),
                   f"{path} holding the daemon's line")
        text = open(path).read()
        check(" | " not in text.split("fake daemon")[0].splitlines()[-1],
              f"{path}: prefixed line")

    # dependency order: the recorder is started once the RTSP daemon answers
    out = sup.output()
    ready = next(i for i, l in enumerate(out) if " rpi-av-rtsp-recorder: ready" in l)
    started = next(i for i, l in enumerate(out) if " rtsp-recorder: started" in l)
    check(ready < started, "recorder started before the RTSP daemon was ready")
    web_ready = next(i for i, l in enumerate(out) if " rpi-cam-webmanager: ready" in l)
    tunnel = next(i for i, l in enumerate(out) if " meeting-tunnel-agent: started" in l)
    check(web_ready < tunnel, "tunnel started before the web manager was ready")

    # a second supervisor on the same root is refused; the first one goes on
    p = root.cli("run", check_rc=1)
    check("another `rpi-cam run` uses this root" in p.stderr, p.stderr)
    after, _ = root.status()
    check(all(after[u]["pid"] == st[u]["pid"] for u in st), "second run disturbed the first")

    check(sup.stop() == 0, "rpi-cam run did not exit 0")


run_test(test)
