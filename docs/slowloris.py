"""Slow-loris run: N connections from 127.0.0.1 send a partial request and trickle a header every
TRICKLE seconds, for DURATION seconds. Meanwhile, once a second, a client asks /healthz and
/feed.atom (5 s timeout) from 127.0.0.1 and from 127.0.0.2. Prints answered/failed and latency."""
import socket, sys, threading, time

host, port = "127.0.0.1", int(sys.argv[1])
n, duration, trickle = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
slow, opened, closed_by_server = [], 0, [0]
for i in range(n):
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(b"GET /feed.atom HTTP/1.1\r\nHost: x\r\n")
        slow.append(s); opened += 1
    except OSError:
        pass
stop = False
def trickler():
    i = 0
    while not stop:
        time.sleep(trickle); i += 1
        for s in list(slow):
            try:
                s.sendall(b"X-Slow-%d: y\r\n" % i)
            except OSError:
                slow.remove(s); closed_by_server[0] += 1
threading.Thread(target=trickler, daemon=True).start()

def ask(local, path):
    t0 = time.monotonic()
    try:
        c = socket.socket(); c.settimeout(5); c.bind((local, 0)); c.connect((host, port))
        c.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            b = c.recv(65536)
            if not b: break
            data += b
        c.close()
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else -1
        return status, time.monotonic() - t0
    except OSError as e:
        return type(e).__name__, time.monotonic() - t0

results = {}
end = time.monotonic() + duration
while time.monotonic() < end:
    for local in ("127.0.0.1", "127.0.0.2"):
        for path in ("/healthz", "/feed.atom"):
            results.setdefault((local, path), []).append(ask(local, path))
    time.sleep(1)
stop = True
print(f"slow connections opened: {opened}/{n}; closed by the server during the run: {closed_by_server[0]}")
for (local, path), rs in sorted(results.items()):
    ok = [t for st, t in rs if st == 200]
    other = {}
    for st, t in rs:
        if st != 200: other[st] = other.get(st, 0) + 1
    lat = sorted(ok)
    med = f"{lat[len(lat)//2]*1000:.0f} ms" if lat else "-"
    worst = f"{lat[-1]*1000:.0f} ms" if lat else "-"
    print(f"{local} {path}: {len(ok)}/{len(rs)} answered 200 (median {med}, worst {worst}); other: {other}")
