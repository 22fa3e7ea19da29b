#!/usr/bin/env python3
"""Per-service logs from LOG_DIR (the supervisor's files), export, live
follow over SSE that does not block other requests, and cleaning."""
import http.client
import json
import os

from webtest import Daemon, check, run


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def test():
    with Daemon() as d:
        logs = d.path("var/log/rpi-cam")
        os.makedirs(logs, exist_ok=True)
        rtsp = os.path.join(logs, "rpi_av_rtsp_recorder.log")
        append(rtsp, "".join("2026-11-25 09:%02d:%02d.000 rpi-cam-rtsp[1] INFO: line %d\n"
                             % (i // 60, i % 60, i) for i in range(300)))
        append(os.path.join(logs, "rtsp_recorder.log"),
               "2026-11-25 09:04:50.500 rpi-cam-recorder[2] INFO: rec\n")
        c = d.client()
        c.setup()

        r = c.get("/api/logs?source=rtsp&lines=3").json()
        check(r["count"] == 3 and r["logs"][-1]["message"].endswith("line 299"), "rtsp: %r" % r)
        check(r["logs"][0]["source"] == "rtsp", "source")
        r = c.get("/api/logs?source=all&lines=100").json()
        msgs = [l["message"] for l in r["logs"]]
        # the last 100 of both files, merged by time: the recorder line
        # comes right after rtsp line 290
        check(len(msgs) == 100 and "INFO: rec" in msgs[90] and msgs[89].endswith("line 290"),
              "merged by time: %r" % msgs[85:95])
        r = c.get("/api/logs/service/rtsp?lines=2").json()
        check(r["service"] == "rpi-av-rtsp-recorder" and r["logs"].count("\n") == 2, "service: %r" % r)
        check(c.get("/api/logs?source=../../etc/passwd").status == 400, "unknown source")
        check(c.get("/api/logs?lines=abc").status == 400, "bad lines")
        check(c.get("/api/logs/service/nope").status == 404, "unknown service")

        r = c.get("/api/logs/export?service=rtsp&lines=5")
        check(r.status == 200 and "attachment" in r.header("Content-Disposition"), "export: %r" % r)
        check(r.body.decode().splitlines()[0].startswith("[rtsp] "), "export lines")

        # live follow
        conn = http.client.HTTPConnection("127.0.0.1", d.port, timeout=30)
        conn.request("GET", "/api/logs/stream", headers={"Cookie": "rc_session=" + c.cookie})
        stream = conn.getresponse()
        check(stream.status == 200 and stream.getheader("Content-Type") == "text/event-stream",
              "SSE headers")

        def next_event():
            while True:
                line = stream.fp.readline()
                check(line != b"", "stream closed")
                line = line.decode().rstrip("\r\n")
                if line.startswith("data: "):
                    return json.loads(line[6:])

        ev = next_event()
        check(ev["type"] == "connected", "first event: %r" % ev)
        # other requests go on while the stream is open
        check(c.get("/api/health").status == 200, "not blocked")
        check(c.get("/api/status").status == 200, "not blocked (thread route)")
        append(rtsp, "2026-11-25 10:01:00.000 rpi-cam-rtsp[1] INFO: live one\n")
        for _ in range(100):
            ev = next_event()
            if ev.get("log", "").endswith("live one"):
                break
        check(ev["source"] == "rtsp" and ev["log"].endswith("live one"), "live line: %r" % ev)
        conn.close()

        r = c.post("/api/logs/clean", {"max_size_mb": 50})
        body = r.json()
        check(r.status == 200 and body["freed_space"] > 0, "clean: %r" % body)
        kept = open(rtsp).read().splitlines()
        check(len(kept) == 100 and kept[-1].endswith("live one"), "kept the last 100 lines")
        r = c.post("/api/logs/clean", {"max_size_mb": "lots"})
        check(r.status == 400, "bad max_size_mb: %r" % r)


run(test)
