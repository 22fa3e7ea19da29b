#!/usr/bin/env python3
"""A bad config.env keeps the daemon up with a clear error in the status; a
fixed file and SIGHUP make it serve."""
from rtspit import Daemon, check, ffprobe_streams, need

need("ffprobe")
with Daemon({"STREAM_SOURCE_MODE": "bogus", "VIDEOIN_FPS": 0}) as d:
    st = d.wait_state("error")
    err = st["last_error"] or ""
    check("STREAM_SOURCE_MODE" in err and "VIDEOIN_FPS" in err, f"error: {err!r}")
    check(d.alive(), "daemon exited on a bad config")
    d.config["STREAM_SOURCE_MODE"] = "demo"
    d.config["VIDEOIN_FPS"] = 10
    d.write_config()
    d.reload()
    d.wait_state("ready", "streaming")
    streams = ffprobe_streams(d.url())
    check(any(s["codec_name"] == "h264" for s in streams), f"streams: {streams}")
print("ok")
