#!/usr/bin/env python3
"""`rpi-cam config set` refuses a bad value with a message naming the key and
the allowed range (exit 2) and leaves the file byte for byte untouched, even
when other pairs were valid; a good set keeps comments, order, unknown keys."""
import os
import subprocess

from rcit import Root, check, run_test

ORIGINAL = """# my camera
export RTSP_PORT="8554"   # the port
MY_OWN_SCRIPT_KEY='keep me'

VIDEOIN_FPS=15
"""


def test(root):
    os.makedirs(os.path.dirname(root.config_env))
    with open(root.config_env, "w") as f:
        f.write(ORIGINAL)

    for args, names in ((["RTSP_PORT", "70000"], ["RTSP_PORT", "1-65535"]),
                        (["RTSP_PORT", "abc"], ["RTSP_PORT"]),
                        (["VIDEOIN_FPS", "20", "RTSP_PORT", "0"], ["RTSP_PORT", "1-65535"]),
                        (["RTSP_PORT", "8555", "BAD-KEY", "x"], ["BAD-KEY"]),
                        (["RTSP_PATH", "a\nb"], ["RTSP_PATH"])):
        p = root.cli("config", "set", *args, check_rc=2)
        for n in names:
            check(n in p.stderr, f"set {args}: {n!r} not in message {p.stderr!r}")
        check("nothing was changed" in p.stderr, p.stderr)
        check(open(root.config_env).read() == ORIGINAL, f"file changed by set {args}")

    p = root.cli("config", "set", "RTSP_PORT", "8600", "VIDEOIN_FPS", "25", check_rc=0)
    check("rpi-av-rtsp-recorder" in p.stdout, "no restart advice:\n" + p.stdout)
    text = open(root.config_env).read()
    check("# my camera\n" in text, "comment lost:\n" + text)
    check("MY_OWN_SCRIPT_KEY='keep me'" in text, "unknown key lost:\n" + text)
    check(text.index("RTSP_PORT") < text.index("MY_OWN_SCRIPT_KEY") <
          text.index("VIDEOIN_FPS"), "order changed:\n" + text)
    check(root.cli("config", "get", "RTSP_PORT", check_rc=0).stdout.strip() == "8600",
          "get after set")
    check(root.cli("config", "get", "VIDEOIN_FPS", check_rc=0).stdout.strip() == "25",
          "get after set")

    # shell metacharacters are stored as data: a shell sourcing the file (as
    # users' scripts do) reads the literal value and runs nothing
    marker = root.file("pwned")
    value = "a`b`$c$(touch " + marker + ")'\""
    root.cli("config", "set", "RTSP_USER", value, check_rc=0)
    check(root.cli("config", "get", "RTSP_USER").stdout.rstrip("\n") == value, "round trip")
    out = subprocess.run(["sh", "-c", '. "$1"; printf %s "$RTSP_USER"', "sh", root.config_env],
                         capture_output=True, text=True).stdout
    check(out == value, f"sourced value {out!r}")
    check(not os.path.exists(marker), "sourcing the file ran a command")

run_test(test)
