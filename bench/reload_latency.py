"""Time from saving an article to `helpsite serve`'s reload event.

    python3 bench/reload_latency.py SITE_DIR ARTICLE   (ARTICLE relative to content/)

Uses target/release/helpsite (cargo build --release first). The article is
rewritten five times, GAP seconds apart (default 3: serve re-indexes search in
the background after each reload, and a save during that run shares the CPU
with it), and restored afterwards.
"""
import os, re, socket, subprocess, sys, time

HELPSITE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "helpsite")
site, article = sys.argv[1], sys.argv[2]
p = subprocess.Popen([HELPSITE, "serve", "--site", site, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
line = p.stdout.readline()
port = int(re.search(r":(\d+)/", line).group(1))
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET /__helpsite/events HTTP/1.1\r\nHost: x\r\n\r\n")
buf = b""
while b"text/event-stream" not in buf:
    buf += s.recv(4096)
times = []
path = os.path.join(site, "content", article)
orig = open(path).read()
for i in range(5):
    time.sleep(float(os.environ.get("GAP", "3")))
    t0 = time.time()
    open(path, "w").write(orig + f"\nEdit {i}.\n")
    buf = b""
    while b"event: reload" not in buf:
        buf += s.recv(65536)
    times.append((time.time() - t0) * 1000)
open(path, "w").write(orig)
p.terminate()
times.sort()
print(f"save to reload event: median {times[2]:.0f} ms, min {times[0]:.0f}, max {times[-1]:.0f}")
