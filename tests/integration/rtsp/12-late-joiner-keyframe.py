#!/usr/bin/env python3
"""Fast start: with a 40 s GOP, a client that never asks for keyframes
(GStreamer's rtspsrc) joining a stream that is already playing still decodes
a frame at once, because the daemon asks the encoder for one on PLAY. Without
that it would wait for the next GOP, long after this test's timeout."""
import subprocess
import time

from rtspit import Daemon, check, need, run, wait_until

need("ffmpeg", "gst-launch-1.0")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_FPS": 15, "H264_KEYINT": 600,
             "AUDIO_ENABLE": "no"}) as d:
    d.wait_state("streaming")
    first = subprocess.Popen(["ffmpeg", "-nostdin", "-v", "quiet", "-rtsp_transport", "tcp",
                              "-i", d.url(), "-f", "null", "-"])
    try:
        wait_until(lambda: (d.status() or {}).get("clients", 0) >= 1, "the first client")
        time.sleep(2)  # the GOP the first client started is now well under way
        before = d.status()["keyframe_requests"]
        code, out, err = run(["gst-launch-1.0", "-q", "rtspsrc", f"location={d.url()}",
                              "latency=0", "!", "rtph264depay", "!", "h264parse", "!",
                              "avdec_h264", "output-corrupt=false", "!", "fakesink",
                              "num-buffers=1"], timeout=25)
        check(code == 0, f"late joiner did not decode a frame ({code}): {err}")
        check(d.status()["keyframe_requests"] > before, "no keyframe requested")
    finally:
        first.kill()
        first.wait()
print("ok")
