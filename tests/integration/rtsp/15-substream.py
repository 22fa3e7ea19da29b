#!/usr/bin/env python3
"""SUBSTREAM_ENABLE: a second, smaller and slower stream on SUBSTREAM_PATH
from the same capture, next to the unchanged main stream."""
from rtspit import Daemon, check, ffmpeg_decode, ffprobe_streams, need

need("ffprobe", "ffmpeg")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_WIDTH": 640, "VIDEOIN_HEIGHT": 360,
             "SUBSTREAM_ENABLE": "yes", "SUBSTREAM_WIDTH": 320, "SUBSTREAM_HEIGHT": 180,
             "SUBSTREAM_FPS": 5, "SUBSTREAM_PATH": "sub"}) as d:
    st = d.wait_state("streaming")
    sub = st["substream"]
    check(sub and sub["path"] == "/sub" and (sub["width"], sub["height"], sub["fps"]) ==
          (320, 180, 5), f"status: {sub}")
    main = [s for s in ffprobe_streams(d.url()) if s["codec_type"] == "video"][0]
    check((main["width"], main["height"]) == (640, 360), f"main: {main}")
    streams = ffprobe_streams(d.url("/sub"))
    video = [s for s in streams if s["codec_type"] == "video"]
    check(len(video) == 1 and video[0]["codec_name"] == "h264", f"sub: {streams}")
    check((video[0]["width"], video[0]["height"]) == (320, 180), f"sub size: {video[0]}")
    check(not [s for s in streams if s["codec_type"] == "audio"], "sub has audio")
    code, err = ffmpeg_decode(d.url("/sub"), frames=5)
    check(code == 0, f"sub decode failed: {err}")
print("ok")
