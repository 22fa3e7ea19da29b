#!/usr/bin/env python3
"""`rpi-cam config get|unset|list|validate`: defaults, masked passwords,
JSON listing, validation errors naming file, line and key."""
import json
import os

from rcit import Root, check, run_test


def test(root):
    # no file yet: defaults
    check(root.cli("config", "get", "RTSP_PORT", check_rc=0).stdout.strip() == "8554",
          "default RTSP_PORT")
    p = root.cli("config", "get", "NO_SUCH_KEY", check_rc=1)
    check("NO_SUCH_KEY" in p.stderr, p.stderr)

    root.cli("config", "set", "RTSP_PASSWORD", "s3cret!", "RTSP_USER", "cam", check_rc=0)
    p = root.cli("config", "list", check_rc=0)
    check("s3cret" not in p.stdout, "password shown by list:\n" + p.stdout)
    check("RTSP_PASSWORD=" in p.stdout and "RTSP_USER=cam" in p.stdout, p.stdout)
    p = root.cli("config", "list", "--json", check_rc=0)
    items = {i["key"]: i for i in json.loads(p.stdout)}
    check(items["RTSP_PASSWORD"]["value"] == "********", f"{items['RTSP_PASSWORD']}")
    check(items["RTSP_USER"]["value"] == "cam" and items["RTSP_USER"]["in_file"], "user")
    p = root.cli("config", "list", "--all", "--json", check_rc=0)
    items = {i["key"]: i for i in json.loads(p.stdout)}
    check(items["RTSP_PORT"]["value"] == "8554" and not items["RTSP_PORT"]["in_file"],
          f"--all: {items.get('RTSP_PORT')}")
    p = root.cli("config", "list", "--all", check_rc=0)
    check("s3cret" not in p.stdout, "password shown by list --all")
    # the user asked for that one key
    check(root.cli("config", "get", "RTSP_PASSWORD").stdout.strip() == "s3cret!", "get")

    root.cli("config", "unset", "RTSP_USER", check_rc=0)
    check("RTSP_USER" not in open(root.config_env).read(), "unset left the key")
    p = root.cli("config", "validate", check_rc=0)
    check("valid" in p.stdout, p.stdout)

    bad = root.file("bad.env")
    with open(bad, "w") as f:
        f.write("# comment\nRTSP_PORT=99999\nVIDEOIN_FPS=\"unterminated\nOK_KEY=1\n")
    p = root.cli("config", "validate", bad, check_rc=2)
    check("RTSP_PORT" in p.stderr and "1-65535" in p.stderr, p.stderr)
    check("bad.env" in p.stderr, "file not named: " + p.stderr)
    p = root.cli("config", "validate", root.file("missing.env"), check_rc=1)
    check("no such file" in p.stderr, p.stderr)

    root.cli("config", check_rc=2)
    root.cli("config", "frobnicate", check_rc=2)
    root.cli("config", "set", "RTSP_PORT", check_rc=2)


run_test(test)
