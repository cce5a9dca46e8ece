#!/usr/bin/env python3
"""/health probe in its own process (bench/abuse.py starts it): the abuse script's own probe is a thread that shares
Python's GIL with the threads doing the abuse, so its latencies include waiting for the interpreter, not only for the
gateway. Every 50 ms, for each port given, a new connection sends GET /health and reads the reply; one line per probe
is appended to OUT: "<unix time ms> <port> <latency ms> <status or 0 for a failure>".

  bench/health_probe.py OUT PORT [PORT...]
"""
import socket, sys, time

out, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]
REQ = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"

def probe(port):
    t = time.time()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(REQ)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk: break
                data += chunk
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    except (OSError, ValueError):
        status = 0
    return t, (time.time() - t) * 1000, status

with open(out, "a", buffering=1) as f:
    while True:
        for port in ports:
            t, ms, status = probe(port)
            f.write(f"{t * 1000:.1f} {port} {ms:.2f} {status}\n")
        time.sleep(0.05)
