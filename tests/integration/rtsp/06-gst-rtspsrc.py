#!/usr/bin/env python3
"""GStreamer's rtspsrc (a client that never asks for keyframes) decodes a
frame, without auth and with Digest-only auth."""
from rtspit import Daemon, check, need, run

need("gst-launch-1.0")


def gst_decode(url, *props):
    return run(["gst-launch-1.0", "-q", "rtspsrc", f"location={url}", "latency=0",
                *props, "!", "rtph264depay", "!", "h264parse", "!", "avdec_h264",
                "!", "fakesink", "num-buffers=1"])


with Daemon({"STREAM_SOURCE_MODE": "demo", "H264_KEYINT": 120}) as d:
    d.wait_state("ready", "streaming")
    code, out, err = gst_decode(d.url())
    check(code == 0, f"rtspsrc failed ({code}): {err}")
    st = d.status()
    check(st["keyframe_requests"] >= 1, f"no keyframe requested on play: {st}")

with Daemon({"STREAM_SOURCE_MODE": "demo", "RTSP_USER": "u", "RTSP_PASSWORD": "p",
             "RTSP_AUTH_METHOD": "digest"}) as d:
    d.wait_state("ready", "streaming")
    code, out, err = gst_decode(d.url(), "user-id=u", "user-pw=p")
    check(code == 0, f"rtspsrc with digest failed ({code}): {err}")
    code, out, err = gst_decode(d.url(), "user-id=u", "user-pw=bad")
    check(code != 0, "rtspsrc with a wrong password played")
print("ok")
