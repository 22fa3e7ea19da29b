#!/usr/bin/env python3
"""RTSP_PORT taken by someone else: error in the status, the daemon stays up
and binds once the port is free (backoff retries, no busy loop)."""
import socket

from rtspit import Daemon, check, ffprobe_streams, free_port, need

need("ffprobe")
port = free_port()
blocker = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
blocker.bind(("0.0.0.0", port))
blocker.listen(1)
with Daemon({"STREAM_SOURCE_MODE": "demo"}, port=port) as d:
    st = d.wait_state("error")
    check("cannot listen on RTSP port" in (st["last_error"] or ""), f"status: {st}")
    check(st["retry_in_s"] >= 0, f"no retry scheduled: {st}")
    blocker.close()
    d.wait_state("ready", "streaming")
    streams = ffprobe_streams(d.url())
    check(any(s["codec_name"] == "h264" for s in streams), f"streams: {streams}")
print("ok")
