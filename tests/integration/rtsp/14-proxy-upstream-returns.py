#!/usr/bin/env python3
"""Proxy resilience: the upstream RTSP server goes away (error in the status,
daemon up, retrying) and comes back on the same port; the proxy serves again
without being restarted."""
from rtspit import Daemon, check, ffprobe_streams, free_port, need

need("ffprobe")
up_port = free_port()
upstream_cfg = {"STREAM_SOURCE_MODE": "demo", "VIDEOIN_WIDTH": 320, "VIDEOIN_HEIGHT": 240,
                "AUDIO_ENABLE": "no"}
upstream = Daemon(upstream_cfg, port=up_port)
upstream.wait_state("streaming")
with Daemon({"STREAM_SOURCE_MODE": "rtsp", "STREAM_SOURCE_URL": upstream.url(),
             "RTSP_PROXY_TRANSPORT": "tcp"}) as proxy:
    proxy.wait_state("streaming")
    streams = ffprobe_streams(proxy.url())
    check(any(s["codec_name"] == "h264" for s in streams), f"streams: {streams}")

    upstream.stop()
    st = proxy.wait_state("error")
    check(st["last_error"], f"no error recorded: {st}")
    check(proxy.alive(), "proxy died with its upstream")

    upstream = Daemon(upstream_cfg, port=up_port)
    upstream.wait_state("streaming")
    proxy.wait_state("streaming", timeout=60)
    streams = ffprobe_streams(proxy.url())
    video = [s for s in streams if s["codec_type"] == "video"]
    check(video and (video[0]["width"], video[0]["height"]) == (320, 240), f"{streams}")
upstream.stop()
print("ok")
