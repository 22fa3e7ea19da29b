#!/usr/bin/env python3
"""VIDEOOUT_* changes the size ffprobe sees; AUDIO_CODEC=pcmu gives G.711."""
from rtspit import Daemon, check, ffprobe_streams, need

need("ffprobe")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_WIDTH": 640, "VIDEOIN_HEIGHT": 480,
             "VIDEOOUT_WIDTH": 320, "VIDEOOUT_HEIGHT": 240, "VIDEOOUT_FPS": 10,
             "AUDIO_CODEC": "pcmu"}) as d:
    st = d.wait_state("ready", "streaming")
    check((st["width"], st["height"], st["fps"]) == (320, 240, 10), f"status: {st}")
    streams = ffprobe_streams(d.url())
    video = [s for s in streams if s["codec_type"] == "video"][0]
    audio = [s for s in streams if s["codec_type"] == "audio"][0]
    check((video["width"], video["height"]) == (320, 240), f"size: {video}")
    check(audio["codec_name"] == "pcm_mulaw" and audio["sample_rate"] == "8000",
          f"audio: {audio}")
print("ok")
