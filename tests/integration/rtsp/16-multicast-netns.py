#!/usr/bin/env python3
"""RTSP_PROTOCOLS=udp-mcast: a client in another network namespace (joined by
a veth pair the test creates) receives the stream over multicast from the
configured group. Needs root (CI runs as root); skipped otherwise."""
import os
import subprocess

from rtspit import SKIP, Daemon, check, need, run

need("ip", "ffprobe", "ffmpeg")
if os.geteuid() != 0:
    print("not root: cannot create network namespaces")
    raise SystemExit(SKIP)

tag = str(os.getpid())
ns_a, ns_b = "rcA" + tag, "rcB" + tag
veth_a, veth_b = "rva" + tag, "rvb" + tag


def ip(*args):
    subprocess.run(["ip", *args], check=True, capture_output=True)


try:
    ip("netns", "add", ns_a)
    ip("netns", "add", ns_b)
except subprocess.CalledProcessError as e:
    print(f"cannot create network namespaces: {e.stderr!r}")
    raise SystemExit(SKIP)
try:
    ip("link", "add", veth_a, "type", "veth", "peer", "name", veth_b)
    ip("link", "set", veth_a, "netns", ns_a)
    ip("link", "set", veth_b, "netns", ns_b)
    for ns, dev, addr in ((ns_a, veth_a, "10.77.0.1/24"), (ns_b, veth_b, "10.77.0.2/24")):
        ip("-n", ns, "addr", "add", addr, "dev", dev)
        ip("-n", ns, "link", "set", "lo", "up")
        ip("-n", ns, "link", "set", dev, "up", "multicast", "on")
        ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", dev)

    with Daemon({"STREAM_SOURCE_MODE": "demo", "RTSP_PROTOCOLS": "udp-mcast",
                 "RTSP_MULTICAST_BASE": "239.255.42.0", "AUDIO_ENABLE": "no",
                 "VIDEOIN_WIDTH": 320, "VIDEOIN_HEIGHT": 240},
                wrapper=("ip", "netns", "exec", ns_a)) as d:
        d.wait_state("streaming")
        url = f"rtsp://10.77.0.1:{d.port}/stream"
        client = ("ip", "netns", "exec", ns_b)
        code, out, err = run([*client, "ffprobe", "-v", "error", "-rtsp_transport",
                              "udp_multicast", "-show_entries", "stream=codec_name,width,height",
                              "-of", "csv=p=0", url])
        check(code == 0 and out.strip() == "h264,320,240", f"ffprobe: {code} {out!r} {err}")
        code, out, err = run([*client, "ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport",
                              "udp_multicast", "-i", url, "-frames:v", "5", "-f", "null", "-"])
        check(code == 0, f"multicast decode failed: {err}")
        # a client that insists on unicast is refused: only multicast is allowed
        code, out, err = run([*client, "ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                              url])
        check(code != 0, "a TCP client was served although RTSP_PROTOCOLS=udp-mcast")
finally:
    for ns in (ns_a, ns_b):
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
print("ok")
