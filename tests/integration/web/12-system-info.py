#!/usr/bin/env python3
"""Read-only system information and status keep the reference's fields and
add ours (OS, interfaces, temperatures from a fake /sys)."""
import os

from webtest import Daemon, check, run


def test():
    with Daemon(env={"RPI_CAM_ROOT_SYS": "1"}) as d:
        zone = d.path("sys/class/thermal/thermal_zone0")
        os.makedirs(zone, exist_ok=True)
        open(os.path.join(zone, "temp"), "w").write("51234\n")
        open(os.path.join(zone, "type"), "w").write("cpu-thermal\n")
        model = d.path("sys/firmware/devicetree/base")
        os.makedirs(model, exist_ok=True)
        open(os.path.join(model, "model"), "wb").write(b"Raspberry Pi 4 Model B Rev 1.4\0")
        c = d.client()
        c.setup()

        info = c.get("/api/system/info").json()
        for k in ("success", "platform", "hostname", "uptime", "cpu", "memory", "disk",
                  "temperature", "network", "os", "interfaces", "disks", "temperatures"):
            check(k in info, "system/info lacks %s" % k)
        check(info["temperature"] == 51.2, "temperature: %r" % info["temperature"])
        check(info["platform"]["is_raspberry_pi"] and info["platform"]["pi_version"] == 4,
              "platform: %r" % info["platform"])
        for k in ("total", "used", "available", "percent"):
            check(k in info["memory"] and k in info["disk"], "memory/disk: %s" % k)
        for k in ("load_1m", "load_5m", "load_15m", "cores"):
            check(k in info["cpu"], "cpu: %s" % k)
        check(any(i["name"] == "lo" and "127.0.0.1" in i["ipv4"] for i in info["interfaces"]),
              "interfaces: %r" % info["interfaces"])

        st = c.get("/api/status").json()
        for k in ("success", "version", "hostname", "platform", "service", "status", "uptime",
                  "temperature", "memory", "disk", "services", "stream", "recording",
                  "ip_addresses", "rtsp_url"):
            check(k in st, "status lacks %s" % k)
        check(st["rtsp_url"].endswith(":8554/stream"), "rtsp url: %s" % st["rtsp_url"])
        check(c.get("/api/platform").json()["platform"]["model"].startswith("Raspberry Pi 4"),
              "platform route")
        check(c.get("/api/version").json()["version"] == st["version"], "version")
        check("hostname" in c.get("/api/system/hostname").json(), "hostname")


run(test)
