#!/usr/bin/env python3
"""`rpi-cam run` supervises the real rpi-cam-rtsp, found in the build tree
next to rpi-cam (no RPI_CAM_BIN_DIR): the stream plays, a SIGKILLed daemon
comes back and plays again, Ctrl-C stops it cleanly."""
import os
import shutil
import signal
import subprocess
import sys

from rcit import SKIP, Root, Supervisor, check, free_port, run_test, wait_until


def ffprobe_ok(port):
    p = subprocess.run(["ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                        "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                        f"rtsp://127.0.0.1:{port}/stream"],
                       capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    return p.returncode == 0 and "h264" in p.stdout


def test(root):
    del root.env["RPI_CAM_BIN_DIR"]
    port = free_port()
    root.cli("config", "set", "STREAM_SOURCE_MODE", "demo", "RTSP_PORT", str(port),
             "VIDEOIN_WIDTH", "320", "VIDEOIN_HEIGHT", "240", "VIDEOIN_FPS", "10", check_rc=0)
    sup = Supervisor(root, "--only", "rtsp")
    st = sup.wait_running(["rpi-av-rtsp-recorder"], timeout=60)
    pid = st["rpi-av-rtsp-recorder"]["pid"]
    exe = os.readlink(f"/proc/{pid}/exe")
    check(exe == os.environ["RPI_CAM_RTSP"], f"supervised {exe}")
    wait_until(lambda: ffprobe_ok(port), "the stream to play", timeout=40)
    st, _ = root.status()
    check(st["rpi-av-rtsp-recorder"]["daemon"] is not None, "no daemon status")

    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: (lambda r: r.get("pid", 0) not in (0, pid) and
                        r.get("sub_state") == "running" and r.get("restarts") == 1)(
        root.status()[0]["rpi-av-rtsp-recorder"]), "restart after SIGKILL", timeout=40)
    wait_until(lambda: ffprobe_ok(port), "the stream to play again", timeout=40)

    check(sup.stop() == 0, "rpi-cam run did not exit 0")
    check(root.processes() == [], f"left: {root.processes()}")


if shutil.which("ffprobe") is None:
    print("ffprobe not installed (scripts/deps.sh)")
    sys.exit(SKIP)
if not os.path.exists(os.environ.get("RPI_CAM_RTSP", "")):
    print("rpi-cam-rtsp not built")
    sys.exit(SKIP)
run_test(test, Root(binaries=()))
