#!/usr/bin/env python3
"""Short abuse check (issue "Hardening"): the gateway jar with @jvm.options against bench/BenchUpstream.java on
loopback, then what a careless or hostile client does, printing /health latency (max of probes during each phase),
the gateway's RSS and what each phase got. Needs target/archon-gateway.jar (mvn package) and python3 only. The phases
start once /ready answers 200, after the gateway's loopback warm-up (ARCHON_WARMUP_REQUESTS), as a deployment's
traffic does.

  bench/abuse.py [--gateway-port 18090] [--mock-port 18091] [--idle 1300] [--names 5000] [--phases 1,2,3,4,5]
                 [--jvm=-Xlog:gc:file=/tmp/gc.log] [--bare-port 18092] [--jar target/archon-gateway.jar]
                 [--before 'CMD {pid}'] [--after 'CMD {pid}'] [--stream-seconds 10] [--pin]

/health is measured three ways, each line giving worst, p99 and probes >= 100 ms per phase:
  probe    bench/health_probe.py, a process of its own (the number to judge the gateway by);
  script   a thread of this script: it shares Python's GIL with the abusing threads, so it also measures the client;
  wire     the gateway's own view, request in to reply out on the loopback wire (bench/wire_health.py; root only).
With --bare-port, bench/BareHealth.java (a Vert.x server that only answers) runs beside the gateway and the probe
process probes it too: its numbers are what the machine, not the gateway, costs an answer under the same abuse. It is
warmed up first as the gateway warms itself (4,000 requests); pinned, it shares the gateway's core and what it costs
is taken from the gateway, so the runs that judge the gateway leave it out.
Each line ends with the machine's load average when the phase ended (the machine may be shared).
With --pin (two CPUs or more) the gateway, and the bare server beside it, run on CPU 1 and everything else (the mock
upstream, this script, the probes) on CPU 0, as bench/run.sh places them: the mock stands for a remote provider and
the abusers for remote clients, whose CPU a sidecar does not pay for; unpinned, the mock's own work (several CPU
seconds per phase) competes with the gateway for the same two cores.
"""
import argparse, concurrent.futures as cf, http.client, json, os, socket, subprocess, sys, tempfile, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("--gateway-port", type=int, default=18090)
ap.add_argument("--mock-port", type=int, default=18091)
ap.add_argument("--idle", type=int, default=1300)
ap.add_argument("--names", type=int, default=5000)
ap.add_argument("--phases", default="1,2,3,4,5", help="which phases to run, comma-separated")
ap.add_argument("--jvm", action="append", default=[], help="an extra JVM flag for the gateway (repeatable)")
ap.add_argument("--bare-port", type=int, default=0, help="also run and probe bench/BareHealth.java on this port")
ap.add_argument("--before", default="", help="a shell command run once the gateway listens, before the phases ({pid}"
                " is the gateway's pid), e.g. attaching a profiler with jcmd {pid} JVMTI.agent_load ...")
ap.add_argument("--after", default="", help="a shell command run after the phases, before the gateway stops ({pid})")
ap.add_argument("--jar", default="target/archon-gateway.jar", help="the gateway jar (A/B: another build's copy)")
ap.add_argument("--stream-seconds", type=float, default=10, help="how long phase 5's clients stay connected")
ap.add_argument("--pin", action="store_true", help="the gateway (and bare server) on CPU 1, the rest on CPU 0")
a = ap.parse_args()
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
JAR = a.jar
GW, MOCK = a.gateway_port, a.mock_port
PIN = a.pin and os.cpu_count() >= 2
if PIN: os.sched_setaffinity(0, {0})  # this script, and every process it starts unless placed below
ON_GATEWAY_CPU = (lambda: os.sched_setaffinity(0, {1})) if PIN else None

def wait_line(proc_out, pattern, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if pattern in open(proc_out).read(): return
        time.sleep(0.2)
    sys.exit(f"no '{pattern}' in {proc_out}")

def warm(port, n):
    """Warms the bare server as the gateway warms itself before /ready (ARCHON_WARMUP_REQUESTS, 4,000 GETs, each on a
    new connection). Cold, it ran its accept and reply paths in the interpreter through phase 1 (its event loop 0.26 s
    of CPU for ~40 probes), on the gateway's core when pinned: the gateway's worst phase-1 probe was 162-249 ms beside
    it and 26-70 ms without it (docs/resilience.md, "Round 13")."""
    req = b"GET /health HTTP/1.1\r\nHost: warmup\r\nConnection: close\r\n\r\n"
    def one(_):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(req)
                while s.recv(65536): pass
        except OSError: pass
    with cf.ThreadPoolExecutor(8) as ex: list(ex.map(one, range(n)))

def request(method, path, body=None, headers=None, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", GW, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {"content-type": "application/json"})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data

def status_or_reset(*args, **kwargs):
    """the status, or "reset" when the gateway closed the connection while the body was still being sent (a large body
    refused by memory admission is not read)"""
    try: return request(*args, **kwargs)[0]
    except (ConnectionResetError, BrokenPipeError): return "reset"

def chat(model, text="hi", stream=False):
    return json.dumps({"model": model, "stream": stream, "messages": [{"role": "user", "content": text}]})

PHASES = {int(x) for x in a.phases.split(",")}

def load():
    return "load " + " ".join(open("/proc/loadavg").read().split()[:3])

def rss_mib(pid, field="VmRSS:"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field): return int(line.split()[1]) / 1024
    return -1

def stats(times):
    """worst, p99 and how many of how many probes took 100 ms or more"""
    if not times: return "no probes"
    ts = sorted(times)
    return f"worst {ts[-1]:.0f} ms (p99 {ts[int(len(ts) * 0.99)]:.0f}, {sum(1 for t in ts if t >= 100)} of {len(ts)} >= 100 ms)"

def window(path, since, col, port_col=None, port=None):
    """latencies (column col) of the lines of a probe file stamped since `since` (unix seconds)"""
    try: rows = [l.split() for l in open(path)]
    except OSError: return []
    return [float(r[col]) for r in rows if len(r) > col and float(r[0]) >= since * 1000
            and (port_col is None or int(r[port_col]) == port)]

WAIT = "loops waiting for a core"

def cpu_by_role(pid):
    """CPU seconds the gateway's threads have used, by role (thread names: event loops, JIT compilers, GC, rest)"""
    roles = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try: stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError: continue
        name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        role = ("loops" if "eventloo" in name else "jit" if "Compiler" in name else
                "gc" if name.startswith(("VM Thread", "GC")) else "workers" if "worker" in name else "other")
        roles[role] = roles.get(role, 0) + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        if role == "loops":  # how long the event loops were runnable but waited for a core (/proc schedstat)
            try: roles[WAIT] = roles.get(WAIT, 0) + int(open(f"/proc/{pid}/task/{tid}/schedstat").read().split()[1]) / 1e9
            except OSError: pass
    return roles

def cpu_since(before):
    now = cpu_by_role(gw.pid)
    return ", ".join(f"{r} {now[r] - before.get(r, 0):.1f}" for r in sorted(now) if now[r] - before.get(r, 0) >= 0.05)

def cpu_of(pid):
    """CPU seconds of a whole process (children of this script included when pid is our own)"""
    if pid == os.getpid(): t = os.times(); return t.user + t.system
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

def machine_busy():
    """CPU seconds the whole machine has been busy (every process, ours and other helpers')"""
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(f) - f[3] - f[4]) / os.sysconf("SC_CLK_TCK")

def cpu_snapshot():
    return {"gateway": cpu_by_role(gw.pid), "mock": cpu_of(mock.pid), "client": cpu_of(os.getpid()),
            "probes": sum(cpu_of(h.pid) for h in helpers if h.args[1].endswith(".py")), "machine": machine_busy()}

def report(title, p, since, extra=""):
    """one phase's lines: what it got, then /health by each probe, then RSS (now and peak) and load"""
    failed = p.failed + sum(1 for r in (l.split() for l in open(f"{tmp}/probe.txt")) if float(r[0]) >= since * 1000
                            and int(r[1]) == GW and r[3] != "200")
    print(f"{title}{extra}; RSS {rss_mib(gw.pid):.0f} MiB (peak {rss_mib(gw.pid, 'VmHWM:'):.0f}); alive {gw.poll() is None};"
          f" /health failed {failed}; {load()}")
    print(f"   /health probe  {stats(window(f'{tmp}/probe.txt', since, 2, 1, GW))}")
    print(f"   /health script {stats(p.times)}")
    if os.path.exists(f"{tmp}/wire.txt"): print(f"   /health wire   {stats(window(f'{tmp}/wire.txt', since, 1))}")
    if a.bare_port: print(f"   bare /health   {stats(window(f'{tmp}/probe.txt', since, 2, 1, a.bare_port))}")
    c, wall = p.cpu, time.time() - since
    ours = sum(v for k, v in cpu_by_role(gw.pid).items() if k != WAIT) - sum(v for k, v in c["gateway"].items() if k != WAIT)
    mock_s, client_s = cpu_of(mock.pid) - c["mock"], cpu_of(os.getpid()) - c["client"]
    probes_s = sum(cpu_of(h.pid) for h in helpers if h.args[1].endswith(".py")) - c["probes"]
    print(f"   CPU s in {wall:.1f} s (2 cores: {2 * wall:.0f}): gateway {ours:.1f} ({cpu_since(c['gateway'])}), mock {mock_s:.1f},"
          f" this script {client_s:.1f}, probes {probes_s:.1f}, rest of the machine {machine_busy() - c['machine'] - ours - mock_s - client_s - probes_s:.1f}")

class HealthProbe:
    """Probes /health every 50 ms in a thread of this script (see "script" above) while a phase runs."""
    def __init__(self): self.worst, self.failed, self.stop, self.times = 0.0, 0, False, []
    def run(self):
        while not self.stop:
            t = time.time()
            try:
                s, _ = request("GET", "/health", timeout=5)
                if s != 200: self.failed += 1
            except Exception: self.failed += 1
            self.times.append((time.time() - t) * 1000)
            self.worst = max(self.worst, self.times[-1]); time.sleep(0.05)
    def __enter__(self): self.cpu = cpu_snapshot(); self.t = threading.Thread(target=self.run, daemon=True); self.t.start(); return self
    def __exit__(self, *e): self.stop = True; self.t.join()

tmp = tempfile.mkdtemp(prefix="archon-abuse")
os.makedirs(f"{tmp}/configs")
json.dump({"name": "one", "layers": [[{"type": "generator", "model": "fast", "model_type": "OpenAI_API"}]]},
          open(f"{tmp}/configs/one.json", "w"))
env = dict(os.environ, OPENAI_BASE_URL=f"http://127.0.0.1:{MOCK}/v1", OPENAI_API_KEY="sk-abuse")
mock = subprocess.Popen(["java", "-XX:+UseSerialGC", "-cp", JAR, "bench/BenchUpstream.java", str(MOCK), "1"],
                        stdout=open(f"{tmp}/mock.out", "w"), stderr=subprocess.STDOUT)
gw = subprocess.Popen(["java", "@jvm.options", *a.jvm, "-jar", JAR, "--configs", f"{tmp}/configs", "--port", str(GW)], env=env,
                      preexec_fn=ON_GATEWAY_CPU,
                      stdout=open(f"{tmp}/gw.out", "w"), stderr=subprocess.STDOUT)
helpers = []
if a.bare_port:
    helpers.append(subprocess.Popen(["java", "@jvm.options", "-cp", JAR, "bench/BareHealth.java", str(a.bare_port)],
                                    preexec_fn=ON_GATEWAY_CPU,
                                    stdout=open(f"{tmp}/bare.out", "w"), stderr=subprocess.STDOUT))
if os.geteuid() == 0:
    helpers.append(subprocess.Popen([sys.executable, "bench/wire_health.py", f"{tmp}/wire.txt", str(GW)],
                                    stderr=open(f"{tmp}/wire.err", "w")))
try:
    wait_line(f"{tmp}/mock.out", "listening", 180); wait_line(f"{tmp}/gw.out", "listening", 60)
    listening, ready_status = time.time(), None
    while time.time() < listening + 60 and ready_status != 200:  # as a deployment does: traffic once /ready says so
        try: ready_status = request("GET", "/ready", timeout=5)[0]
        except OSError: pass
        if ready_status != 200: time.sleep(0.1)
    ready_s = time.time() - listening
    if a.bare_port:
        wait_line(f"{tmp}/bare.out", "listening", 180)
        warm(a.bare_port, 4000)
    for port in [GW] + ([a.bare_port] if a.bare_port else []):  # one process each: a slow one does not delay the other
        helpers.append(subprocess.Popen([sys.executable, "bench/health_probe.py", f"{tmp}/probe.txt", str(port)]))
    print(f"gateway pid {gw.pid}, RSS at start {rss_mib(gw.pid):.0f} MiB; /ready {ready_status} {ready_s:.1f} s after"
          f" 'listening' (the loopback warm-up); logs in {tmp}; {load()}"
          + ("; pinned: gateway on CPU 1, the rest on CPU 0" if PIN else "; not pinned"))
    if a.before: subprocess.run(a.before.replace("{pid}", str(gw.pid)), shell=True, check=True)

    if 1 in PHASES:
        # 1. eight concurrent 9.5 MB bodies (below the default 10 MiB max_body_bytes)
        big = chat("one", "x" * (9_500_000))
        since = time.time()
        with HealthProbe() as p, cf.ThreadPoolExecutor(8) as ex:
            statuses = list(ex.map(lambda _: status_or_reset("POST", "/v1/chat/completions", big, timeout=120), range(8)))
        report(f"8 x 9.5 MB: statuses {sorted(statuses, key=str)}", p, since)

    if 2 in PHASES:
        # 2. idle and slow-header connections
        socks, since = [], time.time()
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
        report(f"{len(socks)} idle/slow-header connections: {closed} closed by the gateway after 12 s", p, since)

    if 3 in PHASES:
        # 3. client-invented model names
        since = time.time()
        with HealthProbe() as p, cf.ThreadPoolExecutor(32) as ex:
            codes = list(ex.map(lambda i: request("POST", "/v1/chat/completions", chat(f"OpenAI_API/invented-{i}"))[0],
                                range(a.names)))
        t = time.time(); s, metrics = request("GET", "/metrics"); scrape_ms = (time.time() - t) * 1000
        report(f"{a.names} model names: {codes.count(200)} x 200; /metrics {len(metrics) / 1024:.0f} KiB in {scrape_ms:.0f} ms", p, since)

    if 4 in PHASES:
        # 4. Gemini names with a space, CR/LF, path and query
        names = ["Google_API/a b", "Google_API/a\r\nb", "Google_API/../../v1/chat/completions?"]
        got = [request("POST", "/v1/chat/completions", chat(n), timeout=10)[0] for n in names]
        t = time.time(); ok = request("POST", "/v1/chat/completions", chat("one"))[0]
        print(f"Gemini names: {got}; next request {ok} in {(time.time() - t) * 1000:.0f} ms; {load()}")

    if 5 in PHASES:
        # 5. streams whose clients never read (back-pressure is not implemented yet: reported as measured)
        readers, since = [], time.time()
        with HealthProbe() as p:
            for i in range(120):
                s = socket.create_connection(("127.0.0.1", GW), timeout=5)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                body = chat("OpenAI_API/s16000x0", stream=True).encode()
                s.send(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                readers.append(s)
            time.sleep(a.stream_seconds)
        # what the mock has sent the gateway by now (bytes acknowledged on its sockets): how far back-pressure let
        # the gateway read streams its clients do not read
        ss = subprocess.run(["ss", "-tinH", "state", "established", f"( sport = :{MOCK} )"], capture_output=True, text=True).stdout
        sent = sum(int(w.split(":")[1]) for w in ss.split() if w.startswith("bytes_acked:"))
        report("120 non-reading stream clients", p, since, f"; the mock sent {sent / 2**20:.0f} MiB of the streams (~3 MiB each)")
        for s in readers: s.close()
    if a.after: subprocess.run(a.after.replace("{pid}", str(gw.pid)), shell=True, check=True)
finally:
    for proc in [gw, mock, *helpers]: proc.terminate()
    for proc in [gw, mock, *helpers]: proc.wait(30)
