#!/usr/bin/env python3
"""The ipc status tells state, source, caps, clients, frames and the media."""
import subprocess

from rtspit import Daemon, check, need, wait_until

need("ffmpeg")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_WIDTH": 320, "VIDEOIN_HEIGHT": 240}) as d:
    st = d.wait_state("ready", "streaming")
    for key, want in (("source", "demo"), ("encoder", "x264enc"), ("width", 320),
                      ("height", 240), ("audio_codec", "aac"), ("clients", 0),
                      ("auth", "none"), ("path", "/stream"), ("port", d.port)):
        check(st.get(key) == want, f"{key}: {st.get(key)!r} != {want!r}")
    check("videotestsrc" in st["pipeline"], f"pipeline: {st['pipeline']}")
    p = subprocess.Popen(["ffmpeg", "-nostdin", "-v", "quiet", "-rtsp_transport", "tcp",
                          "-i", d.url(), "-f", "null", "-"])
    try:
        st = wait_until(lambda: (lambda s: s if s and s["clients"] >= 1 and
                                 s["state"] == "streaming" and s["frames"] > 0 else None)
                        (d.status()), "a streaming client")
        check("127.0.0.1" in st["client_addresses"], f"addresses: {st['client_addresses']}")
        first = st["frames"]
        wait_until(lambda: (d.status() or {}).get("frames", 0) > first, "frames flowing")
    finally:
        p.kill()
        p.wait()
    wait_until(lambda: (d.status() or {}).get("clients") == 0, "the client forgotten")
    check(d.status()["state"] in ("ready", "streaming"), f"state: {d.status()}")
print("ok")
