#!/usr/bin/env python3
"""Camera and audio detection come from the RTSP daemon's own probe (ipc
"hardware"), here the real rpi-cam-rtsp fed the recorded hardware of a
Logitech C920: the reference's /api/detect/cameras, /api/detect/audio and
/api/camera/formats shapes, and a clear 503 when the RTSP service is down."""
import os
import signal
import socket
import subprocess
import sys

from webtest import SKIP, SOURCE_DIR, Daemon, check, run, wait_for

RTSP = os.environ.get("RC_RTSP_BIN", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test():
    if not RTSP or not os.path.exists(RTSP):
        print("RC_RTSP_BIN not set", file=sys.stderr)
        sys.exit(SKIP)
    with Daemon() as d:
        c = d.client()
        c.setup()
        r = c.get("/api/detect/cameras")
        check(r.status == 503 and r.json()["cameras"] == [], "RTSP down: %r" % r)

        os.makedirs(d.path("etc/rpi-cam"), exist_ok=True)
        with open(d.path("etc/rpi-cam/config.env"), "w") as f:
            f.write("RTSP_PORT=%d\nVIDEOIN_DEVICE=/dev/video0\nVIDEOIN_WIDTH=1280\n"
                    "VIDEOIN_HEIGHT=720\nRECORD_ENABLE=no\n" % free_port())
        fixture = os.path.join(SOURCE_DIR, "tests", "fixtures", "hw", "c920.json")
        rtsp = subprocess.Popen([RTSP, "--root", d.root, "--foreground", "--hw-fixture", fixture],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            cams = wait_for(lambda: (lambda r: r if r.status == 200 else None)(
                c.get("/api/detect/cameras")), 60)
            check(cams is not None, "detection never answered")
            body = cams.json()
            check(body["cameras"] == [{"device": "/dev/video0", "type": "USB",
                                       "name": "HD Pro Webcam C920", "driver": "uvcvideo"}],
                  "cameras: %r" % body)
            audio = c.get("/api/detect/audio").json()
            check(audio["devices"][0]["device"] == "plughw:1,0", "audio: %r" % audio)

            f = c.get("/api/camera/formats?device=/dev/video0").json()
            check(f["success"] and f["device"] == "/dev/video0", "formats: %r" % f)
            names = [x["format"] for x in f["formats"]]
            check(sorted(names) == ["H264", "MJPG", "YUYV"], "formats: %r" % names)
            mjpg = next(x for x in f["formats"] if x["format"] == "MJPG")
            top = mjpg["resolutions"][0]
            check((top["width"], top["height"]) == (1920, 1080) and top["framerates"][0] == 30,
                  "largest first: %r" % top)
            check(f["current"] == {"width": 1280, "height": 720, "fps": 15, "format": "auto"},
                  "current: %r" % f["current"])
            check(f["camera_type"]["type"] == "usb", "camera type")
            check(c.get("/api/camera/formats").json()["device"] == "/dev/video0", "default device")
            r = c.get("/api/camera/formats?device=/dev/video7")
            check(r.status == 404 and r.json()["error"] == "No camera found", "unknown: %r" % r)
        finally:
            rtsp.send_signal(signal.SIGTERM)
            rtsp.wait(60)


run(test)
