#!/usr/bin/env python3
"""The real RTSP daemon and recorder under `rpi-cam run` (build-tree lookup):
the recorder is started once the RTSP daemon is ready and writes segments;
a restart of the RTSP daemon through `rpi-cam service` leaves both running;
Ctrl-C stops both cleanly."""
import glob
import os
import shutil
import sys

from rcit import SKIP, Root, Supervisor, check, free_port, run_test, wait_until


def segments(root):
    return sorted(glob.glob(root.file("var", "cache", "rpi-cam", "recordings", "**", "*.ts"),
                            recursive=True))


def test(root):
    del root.env["RPI_CAM_BIN_DIR"]
    port = free_port()
    root.cli("config", "set", "STREAM_SOURCE_MODE", "demo", "RTSP_PORT", str(port),
             "VIDEOIN_WIDTH", "320", "VIDEOIN_HEIGHT", "240", "VIDEOIN_FPS", "10",
             "RECORD_ENABLE", "yes", "SEGMENT_SECONDS", "2", check_rc=0)
    sup = Supervisor(root, "--only", "rtsp,recorder")
    units = ["rpi-av-rtsp-recorder", "rtsp-recorder"]
    sup.wait_running(units, timeout=60)
    out = sup.output()
    ready = next(i for i, l in enumerate(out) if " rpi-av-rtsp-recorder: ready" in l)
    started = next(i for i, l in enumerate(out) if " rtsp-recorder: started" in l)
    check(ready < started, "recorder started before the RTSP daemon was ready")
    wait_until(lambda: len(segments(root)) >= 2, "two segments", timeout=60)
    check(os.path.getsize(segments(root)[0]) > 0, "empty first segment")

    before = root.status()[0]
    root.cli("service", "restart", "rtsp", check_rc=0, timeout=90)
    after = sup.wait_running(units, timeout=60)
    check(after["rpi-av-rtsp-recorder"]["pid"] != before["rpi-av-rtsp-recorder"]["pid"],
          "rtsp not restarted")
    n = len(segments(root))
    wait_until(lambda: len(segments(root)) > n, "a segment after the restart", timeout=60)

    check(sup.stop() == 0, "rpi-cam run did not exit 0")
    check(root.processes() == [], f"left: {root.processes()}")


for var in ("RPI_CAM_RTSP", "RPI_CAM_RECORDER"):
    if not os.path.exists(os.environ.get(var, "")):
        print(f"{var}: not built")
        sys.exit(SKIP)
run_test(test, Root(binaries=()))
