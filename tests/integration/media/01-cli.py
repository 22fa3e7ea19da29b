#!/usr/bin/env python3
"""`rpi-cam media scan|list|info|thumbnails` on a RECORD_DIR holding real
segments (made by gst-launch-1.0), a damaged file and a locked recording:
the scan indexes everything, reads the metadata and makes 320 px JPEG
thumbnails; list pages, sorts and filters; info gives one entry; bad input
is refused with exit code 2; a lost thumbnail is made again."""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

RPI_CAM = os.environ.get("RPI_CAM", "")


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def run(*args, rc=0):
    p = subprocess.run([RPI_CAM, *args], capture_output=True, text=True, timeout=120,
                       stdin=subprocess.DEVNULL)
    if rc is not None and p.returncode != rc:
        fail(f"rpi-cam {' '.join(args)}: exit {p.returncode}, want {rc}\n"
             f"{p.stdout}\n{p.stderr}")
    return p


def jpeg_size(path):
    data = open(path, "rb").read()
    check(data[:2] == b"\xff\xd8", f"{path} is not a JPEG")
    i = 2
    while i + 9 < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xc0 <= marker <= 0xc2:
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + length
    fail(f"{path}: no SOF marker")


def segment(path, frames, width, height):
    p = subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", f"num-buffers={frames}", "!",
                        f"video/x-raw,width={width},height={height},framerate=10/1", "!",
                        "x264enc", "key-int-max=10", "speed-preset=ultrafast", "!",
                        "h264parse", "!", "mpegtsmux", "!", "filesink", f"location={path}"],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 0, f"gst-launch-1.0: {p.stderr}")


if not RPI_CAM or not os.path.exists(RPI_CAM):
    print("RPI_CAM not set: run through meson test")
    sys.exit(77)
if shutil.which("gst-launch-1.0") is None:
    print("gst-launch-1.0 missing")
    sys.exit(77)

root = tempfile.mkdtemp(prefix="rc-media-cli-")
try:
    rec = os.path.join(root, "var", "cache", "rpi-cam", "recordings")
    os.makedirs(rec)
    os.makedirs(os.path.join(root, "etc", "rpi-cam"))
    names = ["rec_20260101_100000.ts", "rec_20260101_100500.ts", "rec_20260101_101000.ts"]
    for i, (name, frames) in enumerate(zip(names, (30, 50, 20))):
        segment(os.path.join(rec, name), frames, 320, 240)
        os.utime(os.path.join(rec, name), (1767261600 + i * 300,) * 2)
    with open(os.path.join(rec, "rec_junk.ts"), "wb") as f:
        f.write(bytes(range(256)) * 20)
    with open(os.path.join(root, "etc", "rpi-cam", "locked_recordings.json"), "w") as f:
        json.dump([names[1]], f)

    out = run("media", "scan", "--root", root).stdout
    check("4 recordings" in out and "4 new" in out, out)

    listing = json.loads(run("media", "list", "--root", root, "--json").stdout)
    check(listing["total"] == 4 and listing["total_filtered"] == 4, listing)
    by_name = {r["name"]: r for r in listing["recordings"]}
    for name in names:
        r = by_name[name]
        check(r["state"] == "ready" and r["codec"] == "h264", r)
        check(r["width"] == 320 and r["height"] == 240 and r["thumbnail"], r)
        check(r["duration"] and r["duration"] > 1, r)
    check(by_name["rec_junk.ts"]["state"] == "unreadable", by_name["rec_junk.ts"])
    check(by_name["rec_junk.ts"]["error"], by_name["rec_junk.ts"])
    check(by_name[names[1]]["locked"] and not by_name[names[0]]["locked"], by_name)

    # sorts and filters
    sizes = json.loads(run("media", "list", "--root", root, "--json", "--sort",
                           "size-asc").stdout)["recordings"]
    check([r["size_bytes"] for r in sizes] == sorted(r["size_bytes"] for r in sizes), sizes)
    names_desc = json.loads(run("media", "list", "--root", root, "--json", "--sort",
                                "name-desc").stdout)["recordings"]
    check([r["name"] for r in names_desc] == sorted(by_name, reverse=True), names_desc)
    locked = json.loads(run("media", "list", "--root", root, "--json", "--filter",
                            "locked").stdout)
    check([r["name"] for r in locked["recordings"]] == [names[1]], locked)
    found = json.loads(run("media", "list", "--root", root, "--json", "--search",
                           "JUNK").stdout)
    check([r["name"] for r in found["recordings"]] == ["rec_junk.ts"], found)
    page2 = json.loads(run("media", "list", "--root", root, "--json", "--sort", "name-asc",
                           "--per-page", "3", "--page", "2").stdout)
    check(page2["pages"] == 2 and len(page2["recordings"]) == 1, page2)
    text = run("media", "list", "--root", root).stdout
    check("page 1/1, 4 of 4 recordings" in text and "locked" in text, text)

    info = json.loads(run("media", "info", names[0], "--root", root, "--json").stdout)
    check(info["name"] == names[0] and info["codec"] == "h264", info)
    check(jpeg_size(info["thumbnail_path"]) == (320, 240), info)
    check("duration:" in run("media", "info", names[0], "--root", root).stdout, "info text")

    # refused input
    run("media", "list", "--root", root, "--sort", "bogus", rc=2)
    run("media", "list", "--root", root, "--per-page", "0", rc=2)
    run("media", "info", "../etc/passwd", "--root", root, rc=2)
    run("media", "info", "rec_none.ts", "--root", root, rc=1)
    run("media", "frobnicate", "--root", root, rc=2)

    # a lost thumbnail is made again
    os.unlink(info["thumbnail_path"])
    out = run("media", "thumbnails", "--root", root).stdout
    check("1 thumbnails" in out, out)
    check(os.path.exists(info["thumbnail_path"]), "thumbnail not made again")

    # a file removed behind its back leaves the index at the next scan
    os.unlink(os.path.join(rec, names[2]))
    out = run("media", "scan", "--root", root).stdout
    check("1 removed" in out, out)
    print("ok")
finally:
    shutil.rmtree(root, ignore_errors=True)
