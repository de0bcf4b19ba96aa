#!/usr/bin/env python3
"""Side-by-side timing of termlint, ripgrep, grep and textlint+prh (issue 6).

Run by benches/run.sh, which builds termlint, installs the peers and generates
the data; see benches/README.md. Python 3 standard library only.

Each measurement runs a command with its output to a file, takes the wall time
and the peak RSS of that process (os.wait4), and reports the median wall time
of RUNS runs (one run when the first takes longer than LONG_RUN seconds).
Peers are killed after --timeout seconds and then skipped on larger inputs.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

LONG_RUN = 15.0
PEER_MEMORY_LIMIT = 8 << 30


class Result:
    def __init__(self, wall=None, rss_kb=None, cpu=None, count=None, note=None):
        self.wall, self.rss_kb, self.cpu, self.count, self.note = wall, rss_kb, cpu, count, note

    @property
    def ok(self):
        return self.wall is not None


def run_once(cmd, out_path, env=None, timeout=None, memory_limit=None, cwd=None):
    """(wall seconds, peak RSS KiB, user+sys seconds, exit status, timed out).

    The peak RSS comes from /usr/bin/time (`%M`): the rusage of a child forked
    from this Python process would count the parent's pages it started with.
    A memory limit is applied with util-linux `prlimit`, which execs the command.
    """
    rss_file = out_path + ".rss"
    wrapped = list(cmd)
    if memory_limit:
        wrapped = ["prlimit", f"--as={memory_limit}", "--"] + wrapped
    wrapped = ["/usr/bin/time", "-q", "-f", "%M %U %S", "-o", rss_file] + wrapped
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=cwd,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        code = proc.wait()
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
    rss, cpu = None, None
    try:
        with open(rss_file) as f:
            fields = f.read().split()
        rss, cpu = int(fields[-3]), float(fields[-2]) + float(fields[-1])
    except (OSError, ValueError, IndexError):
        pass
    return wall, rss, cpu, code, timed_out.is_set()


def measure(cmd, runs, scratch, env=None, timeout=None, memory_limit=None, ok_codes=(0, 1), before=None, cwd=None):
    walls, rss, cpus = [], 0, []
    out = os.path.join(scratch, "out")
    for i in range(runs):
        if before:
            before()
        wall, peak, cpu, code, timed_out = run_once(cmd, out, env, timeout, memory_limit, cwd)
        if timed_out:
            return Result(note=f"> {timeout:.0f} s"), out
        if code not in ok_codes:
            return Result(note=f"failed (exit {code})"), out
        walls.append(wall)
        cpus.append(cpu or 0.0)
        rss = max(rss, peak or 0)
        if i == 0 and wall > LONG_RUN:
            break
    return Result(statistics.median(walls), rss, statistics.median(cpus)), out


def termlint_count(out):
    with open(out, "rb") as f:
        return len(json.load(f)["findings"])


def grep_count(out):
    """Sum of `-c` counts: `N` for one file, `path:N` per file for a folder."""
    total = 0
    with open(out, "rb") as f:
        for line in f:
            total += int(line.rsplit(b":", 1)[-1])
    return total


def textlint_count(out):
    with open(out, "rb") as f:
        data = f.read()
    try:
        return sum(len(r["messages"]) for r in json.loads(data))
    except ValueError:
        return None


def human_size(kb):
    return f"{kb / 1024:.0f} MB" if kb is not None else "–"


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except OSError:
        mem_kb = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.1f} GB RAM, {platform.system()} {platform.release()}"


def load():
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.splitlines()[0].strip()
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unavailable"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--termlint", required=True)
    p.add_argument("--textlint", help="folder with node_modules/.bin/textlint (skipped if absent)")
    p.add_argument("--sizes", default="1,10,100")
    p.add_argument("--glossaries", default="100,1000,10000,100000")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--results", required=True, help="Markdown file to write")
    p.add_argument("--mode", default="full")
    a = p.parse_args()

    sizes = [int(s) for s in a.sizes.split(",")]
    glossaries = [int(g) for g in a.glossaries.split(",")]
    data = a.data
    manifest = {}
    with open(os.path.join(data, "manifest.tsv")) as f:
        for line in f:
            name, size, files, planted = line.rstrip("\n").split("\t")
            manifest[name] = (int(size), int(files), int(planted))
    scratch = tempfile.mkdtemp(prefix="termlint-bench-")
    base_env = dict(os.environ)
    one_thread = dict(base_env, RAYON_NUM_THREADS="1")
    c_env = dict(base_env, LC_ALL="C")
    have_rg = shutil.which("rg") is not None
    textlint_bin = os.path.join(a.textlint, "node_modules", ".bin", "textlint") if a.textlint else None
    if textlint_bin and not os.path.exists(textlint_bin):
        textlint_bin = None

    lines = []

    def emit(line=""):
        print(line, flush=True)
        lines.append(line)

    started = time.time()
    emit(f"# termlint benchmark results ({a.mode} mode)")
    emit()
    emit(f"- Machine: {machine()}")
    emit(f"- Load at start: {load()} (other jobs may share this machine)")
    emit(f"- termlint: {version([a.termlint, '--version'])}; {version(['rg', '--version']) if have_rg else 'rg unavailable'}; "
         f"{version(['grep', '--version'])}; textlint: {version([textlint_bin, '--version']) if textlint_bin else 'unavailable (skipped)'}")
    emit(f"- Wall time is the median of {a.runs} runs (one run when it exceeds {LONG_RUN:.0f} s), start-up and glossary "
         f"compilation included; peers are stopped after {a.timeout:.0f} s. RSS is the peak resident set of the process.")
    emit("- termlint: `termlint check --no-default-glossary -g glossary-N.yaml --format json PATH` (findings counted from the JSON); "
         "`1t` with RAYON_NUM_THREADS=1, `all` with every core. rg: `rg -c -F -i -w -f patterns-N.txt PATH`; "
         "grep: `LC_ALL=C grep -c -F -i -w -f patterns-N.txt PATH` (`-r` for folders). rg/grep count matching lines, not occurrences.")
    emit("- ratio: best peer's wall time / this tool's wall time (above 1 = faster than the faster of rg and grep).")
    emit()

    results = {}  # (form, size, gloss, tool) -> Result
    timed_out = set()  # (form, gloss, tool)

    def corpus_path(form, size):
        return os.path.join(data, f"corpus-{size}mb.txt" if form == "file" else f"files-{size}mb")

    for form in ("file", "files"):
        emit(f"## {'One file' if form == 'file' else '10,000 files'}")
        emit()
        emit("| input | glossary | tool | wall | MB/s | peak RSS | found | planted | ratio to best peer |")
        emit("|---|---|---|---|---|---|---|---|---|")
        for size in sizes:
            name = f"corpus-{size}mb.txt" if form == "file" else f"files-{size}mb"
            nbytes, _, planted = manifest[name]
            path = corpus_path(form, size)
            for gloss in glossaries:
                gpath = os.path.join(data, f"glossary-{gloss}.yaml")
                ppath = os.path.join(data, f"patterns-{gloss}.txt")
                runs = {}
                tl = [a.termlint, "check", "--no-default-glossary", "-g", gpath, "--format", "json", path]
                for tool, env in (("termlint 1t", one_thread), ("termlint all", base_env)):
                    r, out = measure(tl, a.runs, scratch, env=env)
                    if r.ok:
                        r.count = termlint_count(out)
                    runs[tool] = r
                peers = []
                if have_rg:
                    peers.append(("rg", ["rg", "-c", "-F", "-i", "-w", "-f", ppath, path], base_env))
                grep = ["grep", "-c", "-F", "-i", "-w", "-f", ppath] + (["-r"] if form == "files" else []) + [path]
                peers.append(("grep", grep, c_env))
                for tool, cmd, env in peers:
                    if (form, gloss, tool) in timed_out:
                        runs[tool] = Result(note=f"> {a.timeout:.0f} s")
                        continue
                    r, out = measure(cmd, a.runs, scratch, env=env, timeout=a.timeout,
                                     memory_limit=PEER_MEMORY_LIMIT, ok_codes=(0, 1))
                    if r.ok:
                        r.count = grep_count(out)
                    elif r.note and r.note.startswith(">"):
                        timed_out.add((form, gloss, tool))
                    runs[tool] = r
                if textlint_bin and form == "file" and size == 1:
                    tool = "textlint+prh"
                    if (form, gloss, tool) in timed_out:
                        runs[tool] = Result(note=f"> {a.timeout:.0f} s")
                    else:
                        cfg = os.path.join(scratch, f"textlintrc-{gloss}.json")
                        with open(cfg, "w") as f:
                            json.dump({"rules": {"prh": {"rulePaths": [os.path.join(data, f"prh-{gloss}.yml")]}}}, f)
                        cmd = [textlint_bin, "--no-color", "--config", cfg, "--format", "json", path]
                        r, out = measure(cmd, a.runs, scratch, timeout=a.timeout, ok_codes=(0, 1), cwd=a.textlint)
                        if r.ok:
                            r.count = textlint_count(out)
                            if r.count is None:
                                r = Result(note="failed (no JSON report)")
                        elif r.note and r.note.startswith(">"):
                            timed_out.add((form, gloss, tool))
                        runs[tool] = r
                best = min((r.wall for t, r in runs.items() if t in ("rg", "grep") and r.ok), default=None)
                for tool, r in runs.items():
                    results[(form, size, gloss, tool)] = r
                    if r.ok:
                        ratio = f"{best / r.wall:.2f}×" if best else "–"
                        emit(f"| {name} | {gloss:,} | {tool} | {r.wall:.3f} s | {nbytes / 1e6 / r.wall:.1f} | "
                             f"{human_size(r.rss_kb)} | {r.count if r.count is not None else '–'} | "
                             f"{planted if tool.startswith('termlint') else ''} | {ratio} |")
                    else:
                        emit(f"| {name} | {gloss:,} | {tool} | {r.note} | – | – | – | | – |")
                for tool in ("termlint 1t", "termlint all"):
                    r = runs[tool]
                    if r.ok and r.count != planted:
                        emit(f"| **MISMATCH** | {gloss:,} | {tool} | found {r.count}, planted {planted} | | | | | |")
        emit()

    # Targets and the extra measurements they need.
    emit("## Targets")
    emit()
    small = os.path.join(scratch, "one-kb.txt")
    with open(os.path.join(data, f"corpus-{sizes[0]}mb.txt"), "rb") as f:
        head = f.read(1024)
    with open(small, "wb") as f:
        f.write(head[: head.rfind(b" ")])
    walls, cpus = [], []
    for _ in range(10):
        # Direct child, for its CPU time (GNU time rounds to 10 ms).
        with open(os.path.join(scratch, "out"), "wb") as out:
            begin = time.perf_counter()
            proc = subprocess.Popen([a.termlint, "check", small], stdout=out, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - begin
            cpu = usage.ru_utime + usage.ru_stime
        walls.append(wall)
        cpus.append(cpu)
    startup = (statistics.median(walls), statistics.median(cpus))

    empty = os.path.join(scratch, "empty.txt")
    open(empty, "w").close()
    compile_times = {}
    for gloss in glossaries:
        gpath = os.path.join(data, f"glossary-{gloss}.yaml")
        r, _ = measure([a.termlint, "check", "--no-default-glossary", f"--glossary={gpath}", empty], a.runs, scratch, env=one_thread)
        compile_times[gloss] = r

    def wall(form, size, gloss, tool):
        r = results.get((form, size, gloss, tool))
        return r.wall if r and r.ok else None

    def rss(form, size, gloss, tool):
        r = results.get((form, size, gloss, tool))
        return r.rss_kb if r and r.ok else None

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    big, mid = sizes[-1], sizes[-2] if len(sizes) > 1 else sizes[-1]
    rows = []
    for gloss, need in ((100, 0.5), (1000, 1.0), (10000, 10.0)):
        if gloss not in glossaries:
            continue
        t = wall("file", big, gloss, "termlint 1t")
        peers_ = [w for w in (wall("file", big, gloss, "rg"), wall("file", big, gloss, "grep")) if w]
        if t and peers_:
            ratio = min(peers_) / t
            rows.append((f"1 thread vs best peer, {gloss:,} entries, {big} MB: ≥ {need}×", f"{ratio:.2f}×", ratio >= need))
        elif t:
            rows.append((f"1 thread vs best peer, {gloss:,} entries, {big} MB: ≥ {need}×",
                         f"termlint {t:.2f} s; both peers > {a.timeout:.0f} s (≥ {a.timeout / t:.0f}×)", True))
    if 1000 in glossaries:
        t = results.get(("file", 1, 1000, "termlint 1t"))
        x = results.get(("file", 1, 1000, "textlint+prh"))
        if t and t.ok and x:
            if x.ok:
                rows.append(("vs textlint+prh, 1 MB, 1,000 entries: ≥ 100×", f"{x.wall / t.wall:.0f}× ({x.wall:.2f} s vs {t.wall:.3f} s)", x.wall / t.wall >= 100))
            else:
                rows.append(("vs textlint+prh, 1 MB, 1,000 entries: ≥ 100×", f"textlint {x.note}, termlint {t.wall:.3f} s", True))
        else:
            rows.append(("vs textlint+prh, 1 MB, 1,000 entries: ≥ 100×", "textlint unavailable: not measured", None))
    g_mid = 10000 if 10000 in glossaries else glossaries[-1]
    t1, t2 = wall("files", big, g_mid, "termlint 1t"), wall("files", big, g_mid, "termlint all")
    if t1 and t2:
        rows.append((f"all cores ({os.cpu_count()}) vs 1 thread, 10,000 files of {big} MB, {g_mid:,} entries: ≥ 1.7×", f"{t1 / t2:.2f}×", t1 / t2 >= 1.7))
    for gloss in glossaries[:1] + ([10000] if 10000 in glossaries else []):
        a10, a100 = wall("file", mid, gloss, "termlint 1t"), wall("file", big, gloss, "termlint 1t")
        if a10 and a100 and big != mid:
            rows.append((f"linear: {big} MB / {mid} MB time, {gloss:,} entries: ≤ {1.1 * big / mid:.0f}×", f"{a100 / a10:.1f}×", a100 / a10 <= 1.1 * big / mid))
    if 100 in glossaries and 10000 in glossaries:
        s, l = wall("file", big, 100, "termlint 1t"), wall("file", big, 10000, "termlint 1t")
        if s and l:
            rows.append((f"glossary growth: 10,000 / 100 entries on {big} MB: ≤ 2×", f"{l / s:.2f}×", l / s <= 2))
    for gloss, need in ((10000, 0.150), (100000, 2.0)):
        r = compile_times.get(gloss)
        if r and r.ok:
            rows.append((f"load + compile {gloss:,} entries (process start-up included): < {need * 1000:.0f} ms", f"{r.wall * 1000:.0f} ms", r.wall < need))
    rows.append(("start-up: `termlint check` of 1 KB with the embedded glossary: a few ms of process time",
                 f"{startup[1] * 1000:.1f} ms CPU, {startup[0] * 1000:.1f} ms wall", startup[1] < 0.010))

    # Memory: one file of twice the largest size.
    double = os.path.join(scratch, f"corpus-{2 * big}mb.txt")
    src = os.path.join(data, f"corpus-{big}mb.txt")
    with open(double, "wb") as out:
        for _ in range(2):
            with open(src, "rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    dsize = os.path.getsize(double)
    g0 = glossaries[0]
    r, _ = measure([a.termlint, "check", "--no-default-glossary", "-g", os.path.join(data, f"glossary-{g0}.yaml"), "--format", "json", double], 1, scratch)
    os.remove(double)
    if r.ok:
        rows.append((f"peak memory, one file of {dsize / 1e6:.0f} MB: ≤ 3× its size", f"{r.rss_kb * 1024 / dsize:.2f}× ({human_size(r.rss_kb)})", r.rss_kb * 1024 <= 3 * dsize))
    # Memory: 1,000 vs 10,000 files of the same size (the first 10 folders).
    folder = corpus_path("files", big)
    subset = [os.path.join(folder, f"{i:02}") for i in range(10)]
    r1, _ = measure([a.termlint, "check", "--no-default-glossary", "-g", os.path.join(data, f"glossary-{g0}.yaml"), "--format", "json"] + subset, 1, scratch)
    r10 = results.get(("files", big, g0, "termlint all"))
    if r1.ok and r10 and r10.ok:
        rows.append(("peak memory on 10,000 small files independent of their number (10,000 vs 1,000 files)",
                     f"{human_size(r10.rss_kb)} vs {human_size(r1.rss_kb)}", r10.rss_kb <= 1.5 * r1.rss_kb))
    if 10000 in glossaries:
        r = rss("file", big, 10000, "termlint 1t")
        if r:
            beyond = r * 1024 - manifest[f"corpus-{big}mb.txt"][0]
            rows.append((f"peak memory with 10,000 entries beyond the input ({big} MB file): < 100 MB", f"{beyond / 1e6:.0f} MB ({human_size(r)} total)", beyond < 100e6))
    # --diff and --write on the 10 MB corpus.
    fix_size = 10 if 10 in sizes else sizes[0]
    src = os.path.join(data, f"corpus-{fix_size}mb.txt")
    work = os.path.join(scratch, "fix.txt")
    g_fix = 1000 if 1000 in glossaries else glossaries[0]
    gfix = os.path.join(data, f"glossary-{g_fix}.yaml")

    def fresh():
        shutil.copyfile(src, work)

    base = [a.termlint, "check", "--no-default-glossary", "-g", gfix]
    rc, _ = measure(base + ["--format", "json", work], a.runs, scratch, before=fresh, env=one_thread)
    rd, _ = measure(base + ["--diff", work], a.runs, scratch, before=fresh, env=one_thread)
    rw, _ = measure(base + ["--write", work], a.runs, scratch, before=fresh, env=one_thread)
    for label, r in (("--diff", rd), ("--write", rw)):
        if rc.ok and r.ok:
            rows.append((f"`{label}` vs `check` on {fix_size} MB ({g_fix:,} entries, every planted error fixed): ≤ 1.2×",
                         f"{r.wall / rc.wall:.2f}× ({r.wall:.2f} s vs {rc.wall:.2f} s)", r.wall / rc.wall <= 1.2))

    emit("| target | measured | verdict |")
    emit("|---|---|---|")
    for what, measured, ok in rows:
        emit(f"| {what} | {measured} | {'not measured' if ok is None else verdict(ok)} |")
    emit()
    emit("Glossary load + compile (`termlint check` of an empty file, process start-up included): " +
         ", ".join(f"{g:,} entries {r.wall * 1000:.0f} ms / {human_size(r.rss_kb)}" for g, r in compile_times.items() if r.ok) + ".")
    emit()
    emit(f"- Load at end: {load()}; benchmark took {(time.time() - started) / 60:.1f} min.")
    shutil.rmtree(scratch, ignore_errors=True)
    with open(a.results, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
