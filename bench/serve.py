#!/usr/bin/env python3
"""Live-preview benchmark of `vitrine serve`.

Usage: bench/serve.py [N ...]   (default: bundled 200; N: a programme of N generated conventions, bench/generate.py;
"bundled": a copy of the bundled project). Needs the jar (mvn -B -q package -DskipTests).

For each project: the time from saving one convention to the page's reload event (median of 20 edits, after 2
warm-up edits; the next save waits for the datasets, which follow the pages), then 1 000 requests from 16 concurrent clients while conventions keep being edited (so the server
rebuilds throughout), counting errors. On the bundled project also the time from saving a template to the event
(median of 5). Each event is read from the server's event stream, as a browser does. First, with nothing being
rebuilt, the time of one request on a kept-alive connection (median of 40, four pages and a stylesheet in turn).
"""
import http.client
import json
import os
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import bundled

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(REPO, "target", "vitrine.jar")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, project):
        self.port = free_port()
        self.proc = subprocess.Popen(["java", "-jar", JAR, "serve", "--source", project, "--port", str(self.port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.proc.stdout:
            if line.startswith("Serving "):
                break
            if self.proc.poll() is not None:
                raise SystemExit("serve failed: " + line)
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()  # drain
        self.events = queue.Queue()
        threading.Thread(target=self._listen, daemon=True).start()
        self.events.get(timeout=30)  # the stream is open

    def _listen(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port)
        c.request("GET", "/__vitrine/events")
        r = c.getresponse()
        self.events.put("open")
        reload = False
        while True:
            line = r.fp.readline()
            if not line:
                return
            if line.startswith(b"event: reload"):
                reload = True
            elif reload and line.startswith(b"data: "):
                self.events.put((time.monotonic(), json.loads(line[len(b"data: "):])))
                reload = False

    def next_event(self):
        """The times of the next reload event and of the last event of the same save ("more": the pages that show
        the record and the datasets follow)."""
        at, change = self.events.get(timeout=300)
        last = at
        while change.get("more"):
            last, change = self.events.get(timeout=300)
        return at, last

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def edit(path, n):
    """Changes the record's title, as an author would (the convention's page, listings and datasets change)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title: "):
            lines[i] = line.split(" [", 1)[0] + f" [{n}]"
            break
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def save_to_event(server, path, count, warmup, change=edit):
    """Times from each save to its first reload event, and to its last (everything rebuilt)."""
    times, whole = [], []
    for n in range(warmup + count):
        while not server.events.empty():
            server.events.get_nowait()
        start = time.monotonic()
        change(path, n)
        first, last = server.next_event()
        if n >= warmup:
            times.append((first - start) * 1000)
            whole.append((last - start) * 1000)
    return times, whole


def load(server, path, total=1000, clients=16):
    paths = ["/", "/conventions/", "/donnees/", "/a-propos/", "/nulle-part/"]
    errors, done = [], [0]
    lock = threading.Lock()
    stop = threading.Event()

    def editor():
        n = 1000
        while not stop.is_set():
            edit(path, n)
            n += 1
            try:
                server.next_event()
            except queue.Empty:
                return

    def client(k):
        c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for i in range(total // clients + (1 if k < total % clients else 0)):
            p = paths[(k + i) % len(paths)]
            try:
                c.request("GET", p)
                r = c.getresponse()
                body = r.read()
                if r.status != (404 if p == "/nulle-part/" else 200) or b"</html>" not in body:
                    errors.append(f"{p}: {r.status}")
            except OSError as e:
                errors.append(f"{p}: {e}")
                c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            with lock:
                done[0] += 1

    t = threading.Thread(target=editor, daemon=True)
    t.start()
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    seconds = time.monotonic() - started
    stop.set()
    t.join(timeout=300)
    return done[0], errors, seconds


def request_time(server):
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    times = []
    for p in ["/", "/conventions/", "/donnees/", "/a-propos/", "/assets/vitrine-dsfr.css"] * 8:
        t = time.perf_counter()
        c.request("GET", p)
        r = c.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit(f"{p}: {r.status}")
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def template_change(path, n):
    with open(path, encoding="utf-8") as f:
        text = f.read().split("\n{# bench", 1)[0]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + f"\n{{# bench {n} #}}")


def report(name, measured):
    times, whole = measured
    print(f"  {name}: median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}, "
          f"{len(times)} saves); every page and dataset rebuilt: median {statistics.median(whole):.0f} ms",
          flush=True)


def main():
    if not os.path.exists(JAR):
        raise SystemExit("no jar: run mvn -B -q package -DskipTests")
    for size in sys.argv[1:] or ["bundled", "200"]:
        work = tempfile.mkdtemp(prefix="vitrine-bench-serve-")
        try:
            project = os.path.join(work, "p")
            if size == "bundled":
                bundled.copy_to(project)
                convention = os.path.join(project, "content/conventions/ecosante-delegation-dgpr-dgs.md")
            else:
                subprocess.run([sys.executable, os.path.join(REPO, "bench/generate.py"), size, project], check=True)
                convention = os.path.join(project, "content/conventions/bench-00001.md")
            print(f"== {size}{'' if size == 'bundled' else ' conventions'}", flush=True)
            t0 = time.monotonic()
            server = Server(project)
            print(f"  first build and start: {time.monotonic() - t0:.1f} s", flush=True)
            try:
                median, longest = request_time(server)
                print(f"  one request on a kept-alive connection: median {median:.1f} ms (max {longest:.1f})",
                      flush=True)
                report("save a convention -> reload event", save_to_event(server, convention, 20, 2))
                if size == "bundled":
                    template = os.path.join(project, "site-templates/convention.peb")
                    report("save a template -> reload event", save_to_event(server, template, 5, 1, template_change))
                count, errors, seconds = load(server, convention)
                print(f"  {count} requests from 16 clients during rebuilds in {seconds:.1f} s: {len(errors)} error(s)"
                      + (f" {errors[:5]}" if errors else ""), flush=True)
            finally:
                server.stop()
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
