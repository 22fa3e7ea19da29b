#!/usr/bin/env python3
"""The demo source: ffprobe sees H.264 at the configured size, and AAC.
(ffprobe guesses frame rates from timestamps: the rate is checked in the
status, not here.)"""
from rtspit import Daemon, check, ffprobe_streams, need

need("ffprobe")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_WIDTH": 640, "VIDEOIN_HEIGHT": 360,
             "VIDEOIN_FPS": 15}) as d:
    st = d.wait_state("ready", "streaming")
    check(st["fps"] == 15, f"status fps: {st}")
    streams = ffprobe_streams(d.url())
    video = [s for s in streams if s["codec_type"] == "video"]
    audio = [s for s in streams if s["codec_type"] == "audio"]
    check(len(video) == 1 and video[0]["codec_name"] == "h264", f"video: {streams}")
    check((video[0]["width"], video[0]["height"]) == (640, 360), f"size: {video[0]}")
    check(len(audio) == 1 and audio[0]["codec_name"] == "aac", f"audio: {streams}")
    check(audio[0]["sample_rate"] == "48000", f"audio rate: {audio[0]}")
print("ok")
