#!/usr/bin/env python3
"""`rpi-cam run --demo` creates a fresh root under $TMPDIR with a demo
config.env and prints the URLs; with --root DIR it reuses DIR's config."""
import glob
import os

from rcit import Root, Supervisor, check, run_test


def test(root):
    sup = Supervisor(root, "--demo", "--root", "")
    sup.wait_output("Status:")
    out = "\n".join(sup.output())
    check(":8554/stream" in out, "RTSP URL missing:\n" + out)
    check(":5000/" in out, "web URL missing")
    check(":8080/onvif/device_service" in out, "ONVIF URL missing")
    roots = glob.glob(os.path.join(root.path, "rpi-cam-demo-*"))
    check(len(roots) == 1, f"demo roots: {roots}")
    demo = roots[0]
    check(demo in out, "root dir not printed")
    cfg = open(os.path.join(demo, "etc", "rpi-cam", "config.env")).read()
    check("STREAM_SOURCE_MODE=demo" in cfg and "RECORD_ENABLE=yes" in cfg, cfg)
    for d in ("var/log/rpi-cam", "var/cache/rpi-cam/recordings", "run/rpi-cam"):
        check(os.path.isdir(os.path.join(demo, d)), f"{d} missing")
    check(sup.stop() == 0, "demo run did not exit 0")

    # reuse: an existing config.env is kept as it is
    with open(os.path.join(demo, "etc", "rpi-cam", "config.env"), "a") as f:
        f.write("# kept by the second run\n")
    sup = Supervisor(root, "--demo", "--root", demo)
    sup.wait_output("Status:")
    check("# kept by the second run" in
          open(os.path.join(demo, "etc", "rpi-cam", "config.env")).read(), "config rewritten")
    check(len(glob.glob(os.path.join(root.path, "rpi-cam-demo-*"))) == 1, "new root created")
    check(sup.stop() == 0, "second demo run did not exit 0")


run_test(test)
