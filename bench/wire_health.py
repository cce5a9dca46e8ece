#!/usr/bin/env python3
"""The gateway's own view of /health, from the wire: a packet socket on the loopback interface (needs root) sees each
"GET /health" arrive and the reply leave, both stamped by the kernel, so the difference is the time the request spent
in the gateway (event-loop queueing, GC, CPU scheduling of its threads) and excludes the probing client's own
scheduling. A classic BPF filter keeps only TCP segments to or from PORT whose payload starts with "GET " or "HTTP",
so the 9.5 MB bodies and stream chunks never reach this process. One line per /health reply is appended to OUT:
"<unix time ms of the request> <latency ms> <client port>".

  bench/wire_health.py OUT PORT
"""
import socket, struct, sys

out, port = sys.argv[1], int(sys.argv[2])
ETH_P_ALL, SO_ATTACH_FILTER, SO_TIMESTAMPNS, PACKET_OUTGOING = 0x0003, 26, 35, 4

def bpf(code, jt, jf, k): return struct.pack("HBBI", code, jt, jf, k)
# ethernet header 14 bytes (zeros on lo), IPv4, TCP, port PORT either way, payload "GET " or "HTTP"
prog = [
    bpf(0x28, 0, 0, 12),            # 0 ldh [12]            ethertype
    bpf(0x15, 0, 14, 0x0800),       # 1 jeq IPv4 else drop
    bpf(0x30, 0, 0, 23),            # 2 ldb [23]            protocol
    bpf(0x15, 0, 12, 6),            # 3 jeq TCP else drop
    bpf(0xb1, 0, 0, 14),            # 4 ldxb 4*([14]&0xf)   X = IP header length
    bpf(0x48, 0, 0, 14),            # 5 ldh [x+14]          source port
    bpf(0x15, 2, 0, port),          # 6 jeq PORT -> 9
    bpf(0x48, 0, 0, 16),            # 7 ldh [x+16]          destination port
    bpf(0x15, 0, 8, port),          # 8 jeq PORT else drop
    bpf(0x50, 0, 0, 26),            # 9 ldb [x+26]          TCP data offset << 4
    bpf(0x54, 0, 0, 0xf0),          # 10 and 0xf0
    bpf(0x74, 0, 0, 2),             # 11 rsh 2              TCP header length
    bpf(0x0c, 0, 0, 0),             # 12 add x
    bpf(0x04, 0, 0, 14),            # 13 add 14
    bpf(0x07, 0, 0, 0),             # 14 tax                X = payload offset
    bpf(0x40, 0, 0, 0),             # 15 ld [x+0]
    bpf(0x15, 1, 0, 0x47455420),    # 16 jeq "GET " -> keep
    bpf(0x15, 0, 1, 0x48545450),    # 17 jeq "HTTP" -> keep else drop
    bpf(0x06, 0, 0, 192),           # 18 keep: first 192 bytes
    bpf(0x06, 0, 0, 0),             # 19 drop
]
# fix the two forward jumps to "drop" that were written relative to a shorter draft
prog[1] = bpf(0x15, 0, 19 - 2, 0x0800)
prog[3] = bpf(0x15, 0, 19 - 4, 6)
prog[8] = bpf(0x15, 0, 19 - 9, port)
code = b"".join(prog)
import ctypes
buf = ctypes.create_string_buffer(code)
fprog = struct.pack("HL", len(prog), ctypes.addressof(buf))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
s.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
s.bind(("lo", 0))
pending = {}
with open(out, "a", buffering=1) as f:
    while True:
        data, anc, _, addr = s.recvmsg(256, 64)
        if addr[2] != PACKET_OUTGOING: continue  # lo shows each segment twice: sent, then received
        ts = next((struct.unpack("qq", d[:16]) for lvl, typ, d in anc if typ == SO_TIMESTAMPNS), None)
        if ts is None: continue
        ms = ts[0] * 1000 + ts[1] / 1e6
        ihl = (data[14] & 0xf) * 4
        sport, dport = struct.unpack("!HH", data[14 + ihl:18 + ihl])
        payload = data[14 + ihl + (data[14 + ihl + 12] >> 4) * 4:]
        if dport == port and payload.startswith(b"GET /health ") and b"\r\n\r\n" in payload:
            pending[sport] = ms
        elif sport == port and dport in pending:
            f.write(f"{pending[dport]:.1f} {ms - pending.pop(dport):.2f} {dport}\n")
