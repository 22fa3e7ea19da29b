#!/usr/bin/env python3
"""Clients that vanish mid-handshake or mid-stream do not hurt the daemon: it
stays up, forgets them, and still serves a new client."""
import socket
import subprocess
import time

from rtspit import Daemon, check, ffmpeg_decode, need, rtsp_request, wait_until

need("ffmpeg")
with Daemon({"STREAM_SOURCE_MODE": "demo"}) as d:
    d.wait_state("ready", "streaming")
    url = d.url()
    for i in range(20):
        # connect and drop at once
        socket.create_connection(("127.0.0.1", d.port), timeout=5).close()
        # DESCRIBE + SETUP + PLAY, then drop without TEARDOWN
        s = socket.create_connection(("127.0.0.1", d.port), timeout=15)
        r = rtsp_request(d.port, "DESCRIBE", url, [("Accept", "application/sdp")], 1, s)
        check(r.status == 200, f"DESCRIBE gave {r.status}")
        r = rtsp_request(d.port, "SETUP", url + "/stream=0",
                         [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")], 2, s)
        check(r.status == 200, f"SETUP gave {r.status}")
        session = r.all("Session")[0].split(";")[0]
        r = rtsp_request(d.port, "PLAY", url, [("Session", session)], 3, s)
        check(r.status == 200, f"PLAY gave {r.status}")
        s.recv(1000)
        s.close()
        # half a request, then gone
        s = socket.create_connection(("127.0.0.1", d.port), timeout=5)
        s.sendall(b"DESCRIBE " + url.encode() + b" RTSP/1.0\r\nCSeq: 1\r\nContent-Le")
        s.close()
    # ffmpeg clients killed while playing
    for i in range(5):
        p = subprocess.Popen(["ffmpeg", "-nostdin", "-v", "quiet", "-rtsp_transport", "tcp",
                              "-i", url, "-f", "null", "-"])
        time.sleep(0.5)
        p.kill()
        p.wait()
    check(d.alive(), "daemon died")
    code, err = ffmpeg_decode(url, frames=5)
    check(code == 0, f"new client after the storm failed: {err}")
    wait_until(lambda: (d.status() or {}).get("clients") == 0, "clients forgotten")
print("ok")
