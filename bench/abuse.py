#!/usr/bin/env python3
"""Short abuse check (issue "Hardening"): the gateway jar with @jvm.options against bench/BenchUpstream.java on
loopback, then what a careless or hostile client does, printing /health latency (max of probes during each phase),
the gateway's RSS and what each phase got. Needs target/archon-gateway.jar (mvn package) and python3 only.

  bench/abuse.py [--gateway-port 18090] [--mock-port 18091] [--idle 1300] [--names 5000] [--phases 1,2,3,4,5]
                 [--jvm=-Xlog:gc:file=/tmp/gc.log]

Each line ends with the machine's load average when the phase ended (the machine may be shared).
"""
import argparse, concurrent.futures as cf, http.client, json, os, socket, subprocess, sys, tempfile, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("--gateway-port", type=int, default=18090)
ap.add_argument("--mock-port", type=int, default=18091)
ap.add_argument("--idle", type=int, default=1300)
ap.add_argument("--names", type=int, default=5000)
ap.add_argument("--phases", default="1,2,3,4,5", help="which phases to run, comma-separated")
ap.add_argument("--jvm", action="append", default=[], help="an extra JVM flag for the gateway (repeatable)")
a = ap.parse_args()
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
JAR = "target/archon-gateway.jar"
GW, MOCK = a.gateway_port, a.mock_port

def wait_line(proc_out, pattern, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if pattern in open(proc_out).read(): return
        time.sleep(0.2)
    sys.exit(f"no '{pattern}' in {proc_out}")

def request(method, path, body=None, headers=None, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", GW, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {"content-type": "application/json"})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data

def chat(model, text="hi", stream=False):
    return json.dumps({"model": model, "stream": stream, "messages": [{"role": "user", "content": text}]})

PHASES = {int(x) for x in a.phases.split(",")}

def load():
    return "load " + " ".join(open("/proc/loadavg").read().split()[:3])

def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"): return int(line.split()[1]) / 1024
    return -1

class HealthProbe:
    """Probes /health every 50 ms in a thread; the worst latency and failures while a phase runs."""
    def __init__(self): self.worst, self.failed, self.stop, self.times = 0.0, 0, False, []
    def p99(self): return sorted(self.times)[int(len(self.times) * 0.99)] if self.times else 0
    def slow(self): return sum(1 for t in self.times if t >= 100)
    def run(self):
        while not self.stop:
            t = time.time()
            try:
                s, _ = request("GET", "/health", timeout=5)
                if s != 200: self.failed += 1
            except Exception: self.failed += 1
            self.times.append((time.time() - t) * 1000)
            self.worst = max(self.worst, self.times[-1]); time.sleep(0.05)
    def __enter__(self): self.t = threading.Thread(target=self.run, daemon=True); self.t.start(); return self
    def __exit__(self, *e): self.stop = True; self.t.join()

tmp = tempfile.mkdtemp(prefix="archon-abuse")
os.makedirs(f"{tmp}/configs")
json.dump({"name": "one", "layers": [[{"type": "generator", "model": "fast", "model_type": "OpenAI_API"}]]},
          open(f"{tmp}/configs/one.json", "w"))
env = dict(os.environ, OPENAI_BASE_URL=f"http://127.0.0.1:{MOCK}/v1", OPENAI_API_KEY="sk-abuse")
mock = subprocess.Popen(["java", "-XX:+UseSerialGC", "-cp", JAR, "bench/BenchUpstream.java", str(MOCK), "1"],
                        stdout=open(f"{tmp}/mock.out", "w"), stderr=subprocess.STDOUT)
gw = subprocess.Popen(["java", "@jvm.options", *a.jvm, "-jar", JAR, "--configs", f"{tmp}/configs", "--port", str(GW)], env=env,
                      stdout=open(f"{tmp}/gw.out", "w"), stderr=subprocess.STDOUT)
try:
    wait_line(f"{tmp}/mock.out", "listening", 180); wait_line(f"{tmp}/gw.out", "listening", 60)
    print(f"gateway pid {gw.pid}, RSS at start {rss_mib(gw.pid):.0f} MiB; logs in {tmp}; {load()}")

    if 1 in PHASES:
        # 1. eight concurrent 9.5 MB bodies (below the default 10 MiB max_body_bytes)
        big = chat("one", "x" * (9_500_000))
        with HealthProbe() as p, cf.ThreadPoolExecutor(8) as ex:
            statuses = list(ex.map(lambda _: request("POST", "/v1/chat/completions", big, timeout=120)[0], range(8)))
        print(f"8 x 9.5 MB: statuses {sorted(statuses)}; /health worst {p.worst:.0f} ms (p99 {p.p99():.0f}, {p.slow()} of {len(p.times)} probes >= 100 ms), failed {p.failed}; "
              f"RSS {rss_mib(gw.pid):.0f} MiB; alive {gw.poll() is None}; {load()}")

    if 2 in PHASES:
        # 2. idle and slow-header connections
        socks = []
        with HealthProbe() as p:
            for i in range(a.idle):
                try:
                    s = socket.create_connection(("127.0.0.1", GW), timeout=5)
                    if i % 2: s.send(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                    socks.append(s)
                except OSError as e:
                    print(f"  connection {i}: {e}"); break
            time.sleep(12)  # past server.header_timeout_ms (10 s)
        closed = 0
        for s in socks:
            try:
                s.settimeout(0.01)
                if s.recv(1) == b"": closed += 1
            except socket.timeout: pass
            except OSError: closed += 1
            s.close()
        print(f"{len(socks)} idle/slow-header connections: {closed} closed by the gateway after 12 s; "
              f"/health worst {p.worst:.0f} ms (p99 {p.p99():.0f}, {p.slow()} of {len(p.times)} probes >= 100 ms), failed {p.failed}; RSS {rss_mib(gw.pid):.0f} MiB; {load()}")

    if 3 in PHASES:
        # 3. client-invented model names
        with HealthProbe() as p, cf.ThreadPoolExecutor(32) as ex:
            codes = list(ex.map(lambda i: request("POST", "/v1/chat/completions", chat(f"OpenAI_API/invented-{i}"))[0],
                                range(a.names)))
        t = time.time(); s, metrics = request("GET", "/metrics"); scrape_ms = (time.time() - t) * 1000
        print(f"{a.names} model names: {codes.count(200)} x 200; /metrics {len(metrics) / 1024:.0f} KiB in {scrape_ms:.0f} ms;"
              f" /health worst {p.worst:.0f} ms (p99 {p.p99():.0f}, {p.slow()} of {len(p.times)} probes >= 100 ms); RSS {rss_mib(gw.pid):.0f} MiB; {load()}")

    if 4 in PHASES:
        # 4. Gemini names with a space, CR/LF, path and query
        names = ["Google_API/a b", "Google_API/a\r\nb", "Google_API/../../v1/chat/completions?"]
        got = [request("POST", "/v1/chat/completions", chat(n), timeout=10)[0] for n in names]
        t = time.time(); ok = request("POST", "/v1/chat/completions", chat("one"))[0]
        print(f"Gemini names: {got}; next request {ok} in {(time.time() - t) * 1000:.0f} ms; {load()}")

    if 5 in PHASES:
        # 5. streams whose clients never read (back-pressure is not implemented yet: reported as measured)
        readers = []
        with HealthProbe() as p:
            for i in range(120):
                s = socket.create_connection(("127.0.0.1", GW), timeout=5)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                body = chat("OpenAI_API/s16000x0", stream=True).encode()
                s.send(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                readers.append(s)
            time.sleep(10)
        print(f"120 non-reading stream clients: /health worst {p.worst:.0f} ms (p99 {p.p99():.0f}, {p.slow()} of {len(p.times)} probes >= 100 ms), failed {p.failed}; "
              f"RSS {rss_mib(gw.pid):.0f} MiB; alive {gw.poll() is None}; {load()}")
        for s in readers: s.close()
finally:
    gw.terminate(); mock.terminate()
    gw.wait(30); mock.wait(30)
