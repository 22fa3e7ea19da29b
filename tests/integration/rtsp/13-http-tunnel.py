#!/usr/bin/env python3
"""RTSP over HTTP tunnelling (ONVIF streaming requires it): ffmpeg decodes
frames with -rtsp_transport http."""
from rtspit import Daemon, check, ffmpeg_decode, need

need("ffmpeg")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_WIDTH": 320, "VIDEOIN_HEIGHT": 240}) as d:
    d.wait_state("streaming")
    code, err = ffmpeg_decode(d.url(), frames=5, transport="http")
    check(code == 0, f"http tunnel failed ({code}): {err}")
print("ok")
