#!/usr/bin/env python3
"""ffmpeg plays with the right credentials under basic, digest and both, and
is refused with a wrong password or none."""
from rtspit import Daemon, check, ffmpeg_decode, need

need("ffmpeg")
USER, PASSWORD = "admin", "Pa55word"
with Daemon({"STREAM_SOURCE_MODE": "demo", "RTSP_USER": USER, "RTSP_PASSWORD": PASSWORD,
             "AUDIO_ENABLE": "no", "VIDEOIN_WIDTH": 320, "VIDEOIN_HEIGHT": 240}) as d:
    d.wait_state("streaming")
    for method in ("basic", "digest", "both"):
        d.reconfigure({"RTSP_AUTH_METHOD": method})
        code, err = ffmpeg_decode(d.url(user=USER, password=PASSWORD), frames=2)
        check(code == 0, f"{method}: right password refused ({code}): {err}")
        code, err = ffmpeg_decode(d.url(user=USER, password="nope"), frames=2)
        check(code != 0 and "401" in err, f"{method}: wrong password: {code} {err}")
        code, err = ffmpeg_decode(d.url(), frames=2)
        check(code != 0 and "401" in err, f"{method}: no password: {code} {err}")
print("ok")
