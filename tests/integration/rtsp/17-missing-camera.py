#!/usr/bin/env python3
"""No camera: with auto-detection the status says "no camera detected", with
a configured device that does not exist the pipeline error is reported; in
both cases the daemon stays up and keeps retrying with backoff."""
from rtspit import Daemon, check, rtsp_request, wait_until

with Daemon({"STREAM_SOURCE_MODE": "camera"}) as d:
    st = d.wait_state("error")
    check("no camera detected" in (st["last_error"] or ""), f"status: {st}")
    check(st["retry_in_s"] >= 0, f"no retry scheduled: {st}")
    # it retries (probing again) instead of giving up or spinning
    wait_until(lambda: (d.status() or {}).get("rebuilds", 0) >= 2, "a second attempt")
    r = rtsp_request(d.port, "DESCRIBE", d.url(), [("Accept", "application/sdp")])
    check(r.status == 404, f"DESCRIBE without a camera gave {r.status}")

with Daemon({"STREAM_SOURCE_MODE": "camera", "CAMERA_TYPE": "usb",
             "VIDEOIN_DEVICE": "/dev/video77", "AUDIO_ENABLE": "no"}) as d:
    st = d.wait_state("error")
    err = st["last_error"] or ""
    check("video77" in err or "v4l2src" in err or "device" in err.lower(), f"error: {err!r}")
    check(d.alive(), "daemon died on a missing device")
print("ok")
