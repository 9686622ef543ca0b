#!/usr/bin/env python3
"""saves.py: how long gongkai serve takes from a saved edit to the page served.

    python3 bench/saves.py GONGKAI REPO FILE URLPATH N

Starts `GONGKAI -C REPO serve` on a free loopback port, waits for the first
build, then N times (1.5 s apart) appends a new marker line to REPO/FILE and
polls http://127.0.0.1:PORT/URLPATH every 5 ms until the page shows it. Prints
the first build's time, serve's peak and current resident memory (VmHWM,
VmRSS) after the first build and at the end, every save's time and the
median. FILE is put back as it was. The times include serve's wait for
further changes before it rebuilds (40 ms) and the polling interval.

    go build -o /tmp/gongkai ./cmd/gongkai
    python3 bench/saves.py /tmp/gongkai /tmp/gongkai-bench/corpus-10000/gongkai \\
        content/2024/<file>.md /articles/2024/<slug>/ 5
"""
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory(pid):
    with open("/proc/%d/status" % pid) as f:
        return " ".join(l.split(":")[0] + " " + l.split(":")[1].strip() for l in f if l.startswith(("VmHWM", "VmRSS")))


def main():
    gongkai, repo, rel, urlpath, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    port = free_port()
    start = time.time()
    p = subprocess.Popen([gongkai, "-C", repo, "serve", "--addr", "127.0.0.1:%d" % port],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []

    def read():
        for line in p.stdout:
            lines.append(line.rstrip())

    threading.Thread(target=read, daemon=True).start()
    while not any("已生成" in l for l in lines):
        if p.poll() is not None:
            sys.exit("serve ended: " + "\n".join(lines))
        time.sleep(0.05)
    print("first build %.2f s; %s" % (time.time() - start, memory(p.pid)), flush=True)
    path = repo + "/" + rel
    with open(path, encoding="utf-8") as f:
        orig = f.read()
    url = "http://127.0.0.1:%d%s" % (port, urlpath)
    times = []
    try:
        for i in range(n):
            time.sleep(1.5)
            mark = "标记%d号%d" % (i, int(time.time() * 1000) % 100000)
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig + "\n" + mark + "\n")
            saved = time.time()
            while True:
                try:
                    if mark in urllib.request.urlopen(url).read().decode():
                        break
                except OSError:
                    pass
                if time.time() - saved > 60:
                    sys.exit("no page with the marker after 60 s")
                time.sleep(0.005)
            times.append(time.time() - saved)
            print("save %d served after %.3f s" % (i + 1, times[-1]), flush=True)
        print("median %.3f s, min %.3f s, max %.3f s; %s" % (
            statistics.median(times), min(times), max(times), memory(p.pid)))
        for line in lines:
            if "有改动" in line:
                print("serve:", line)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(orig)
        time.sleep(1)
        p.send_signal(signal.SIGINT)
        p.wait()


if __name__ == "__main__":
    main()
