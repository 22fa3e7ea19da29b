#!/usr/bin/env python3
"""Two clients at once (TCP and UDP) both decode frames from the shared media."""
import threading

from rtspit import Daemon, check, ffmpeg_decode, need

need("ffmpeg")
with Daemon({"STREAM_SOURCE_MODE": "demo", "VIDEOIN_FPS": 15}) as d:
    d.wait_state("ready", "streaming")
    results = {}

    def client(name, transport):
        results[name] = ffmpeg_decode(d.url(), frames=10, transport=transport)

    threads = [threading.Thread(target=client, args=("tcp", "tcp")),
               threading.Thread(target=client, args=("udp", "udp"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, (code, err) in results.items():
        check(code == 0, f"{name} client failed ({code}): {err}")
print("ok")
