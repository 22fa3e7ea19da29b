#!/usr/bin/env python3
"""Config round trip through the schema: a good change is written and read
back; a bad value (or a bad body) is refused per key and the file is left
byte for byte as it was."""
import hashlib
import json
import os

from webtest import Daemon, check, run


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test():
    with Daemon() as d:
        env = d.path("etc/rpi-cam/config.env")
        os.makedirs(os.path.dirname(env), exist_ok=True)
        with open(env, "w") as f:
            f.write("# my camera\nRTSP_PORT=8554\nRTSP_PASSWORD=s3cret\nMY_OWN_KEY=keep me\n")
        c = d.client()
        c.setup()

        r = c.get("/api/config")
        cfg = r.json()
        check(r.status == 200 and cfg["success"], "GET: %r" % r)
        check(cfg["config"]["RTSP_PORT"] == "8554", "value read")
        check(cfg["config"]["RTSP_PASSWORD"] == "********", "secret masked")
        check(cfg["config"]["MY_OWN_KEY"] == "keep me", "own keys shown")

        r = c.post("/api/config", {"VIDEOOUT_WIDTH": 1280, "VIDEOOUT_HEIGHT": "720",
                                   "RECORD_ENABLE": False, "RTSP_PASSWORD": "********"})
        body = r.json()
        check(r.status == 200 and body["message"].startswith("Configuration saved"), "POST: %r" % r)
        check(set(body["changed"]) == {"VIDEOOUT_WIDTH", "VIDEOOUT_HEIGHT", "RECORD_ENABLE"},
              "changed: %r" % body["changed"])
        check("rpi-av-rtsp-recorder" in body["affected_units"], "affected units")
        text = open(env).read()
        check(text.startswith("# my camera\n"), "comment kept")
        check("VIDEOOUT_WIDTH=1280" in text and "RECORD_ENABLE=no" in text, "written: %s" % text)
        check("RTSP_PASSWORD=s3cret" in text, "the mask did not overwrite the secret")
        check(c.get("/api/config").json()["config"]["VIDEOOUT_WIDTH"] == "1280", "read back")

        before = sha(env)
        r = c.post("/api/config", {"RTSP_PORT": 70000, "VIDEOOUT_FPS": 25, "CAMERA_TYPE": "webcam"})
        body = r.json()
        check(r.status == 400 and body["error"] == "Validation failed", "bad values: %r" % r)
        check(set(body["field_errors"]) == {"RTSP_PORT", "CAMERA_TYPE"}, "per key: %r" % body)
        check(any("RTSP_PORT" in e and "65535" in e for e in body["errors"]), "says the range")
        check(sha(env) == before, "nothing half-written (VIDEOOUT_FPS was valid)")

        for bad in ([1, 2], "not json", '{"a":', json.dumps({"RTSP_PATH": {"x": 1}}),
                    "[" * 5000 + "]" * 5000, ""):
            r = c.post("/api/config", bad, headers={"Content-Type": "application/json"})
            check(r.status == 400, "bad body %r...: %r" % (str(bad)[:20], r))
        r = c.post("/api/config", {"UNKNOWN_THING": "1"})
        check(r.status == 400 and "UNKNOWN_THING" in r.json()["field_errors"], "unknown key")
        r = c.post("/api/config", {"VIDEO_OVERLAY_TEXT": "x" * 70000})
        check(r.status == 413, "oversized body: %r" % r)
        check(sha(env) == before, "still untouched")

        meta = c.get("/api/config/metadata").json()
        port = meta["metadata"]["RTSP_PORT"]
        check(port["type"] == "number" and port["max"] == 65535, "schema: %r" % port)
        check(meta["defaults"]["RTSP_PORT"] == "8554", "defaults")


run(test)
