#!/usr/bin/env python3
"""STREAM_SOURCE_MODE=rtsp relays another server's H.264 without re-encoding;
an upstream that is down gives an error in the status, not a dead daemon."""
from rtspit import Daemon, check, ffprobe_streams, free_port, need, rtsp_request

need("ffprobe")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_WIDTH": 320, "VIDEOIN_HEIGHT": 240,
             "AUDIO_ENABLE": "no"}) as upstream:
    upstream.wait_state("ready", "streaming")
    with Daemon({"STREAM_SOURCE_MODE": "rtsp", "STREAM_SOURCE_URL": upstream.url(),
                 "RTSP_PROXY_TRANSPORT": "tcp"}) as proxy:
        st = proxy.wait_state("ready", "streaming")
        check(st["encoder"] is None and st["source"] == "rtsp", f"status: {st}")
        streams = ffprobe_streams(proxy.url())
        video = [s for s in streams if s["codec_type"] == "video"]
        check(len(video) == 1 and video[0]["codec_name"] == "h264", f"streams: {streams}")
        check((video[0]["width"], video[0]["height"]) == (320, 240), f"size: {video[0]}")

dead = f"rtsp://127.0.0.1:{free_port()}/stream"
with Daemon({"STREAM_SOURCE_MODE": "rtsp", "STREAM_SOURCE_URL": dead}) as proxy:
    # The media is prepared at once, so the dead upstream shows without a client.
    st = proxy.wait_state("error")
    check(st["last_error"], f"no error recorded: {st}")
    r = rtsp_request(proxy.port, "DESCRIBE", proxy.url(), [("Accept", "application/sdp")])
    check(r.status >= 400, f"DESCRIBE of a dead upstream gave {r.status}")
    check(proxy.alive(), "daemon died with the upstream")
    st = proxy.status()
    check(st["errors"] >= 1 and st["retry_in_s"] >= 0, f"no retry scheduled: {st}")
print("ok")
