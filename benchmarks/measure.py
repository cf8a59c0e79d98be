"""What the benchmarks share: projects made once per size, commands timed with the memory of their process tree.

Memory is read from /proc while the command runs: the sum of PSS over the process and all its
descendants (shared pages of forked workers counted once), and of RSS for comparison; plus the
largest single process as the kernel reports it at exit (wait4's ru_maxrss).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
CORPUS = REPO / "benchmarks" / "corpus.py"
MARKER = ".bench-corpus.json"  # written beside a generated project: what it was generated with
SAMPLE_EVERY = 0.2  # seconds
_code = {"dir": REPO}  # where the measured kbsite comes from: see snapshot_code()


def project_for(workdir: Path, size: int, seed: int) -> tuple[Path, float | None]:
    """The project of `size` articles under workdir, generated unless a finished one is there already.

    Returns the folder and the seconds the generation took (None when it was reused).
    """
    root = workdir / f"kb-{size}-seed{seed}"
    marker = root / MARKER
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == {"articles": size, "seed": seed}:
        use_code(root)
        return root, None
    if root.exists():
        raise SystemExit(f"{root}: exists but was not finished by a benchmark; remove it and run again")
    start = time.monotonic()
    subprocess.run([str(PYTHON), str(CORPUS), "--articles", str(size), "--seed", str(seed), "--out", str(root)],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    marker.write_text(json.dumps({"articles": size, "seed": seed}), encoding="utf-8")
    use_code(root)
    return root, seconds


def snapshot_code(workdir: Path) -> Path:
    """A copy of kbsite's code that every command of the run uses, named by its hash.

    The cache key of an article covers kbsite's code, so a teammate's edit in the middle of a run would
    make the incremental build analyse everything again; a snapshot keeps the code still.
    """
    files = sorted(p for p in (REPO / "kbsite").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in [*files, REPO / "build_index.py"]:
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    target = workdir / f"code-{digest.hexdigest()[:12]}"
    if not target.is_dir():
        partial = workdir / f"{target.name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(REPO / "kbsite", partial / "kbsite", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy2(REPO / "build_index.py", partial / "build_index.py")
        os.replace(partial, target)
    _code["dir"] = target
    return target


def code_dir() -> Path:
    return _code["dir"]


def use_code(project: Path) -> None:
    """Point the project's kbsite link (theme and MkDocs hooks) at the code being measured."""
    link = project / "kbsite"
    if link.is_symlink() and link.readlink() != code_dir() / "kbsite":
        link.unlink()
        link.symlink_to(code_dir() / "kbsite")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code_dir()) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("KBSITE_SITE_URL", None)
    return env


@dataclass
class Sample:
    t: float  # time.monotonic()
    rss: int  # bytes, summed over the tree
    pss: int
    processes: int


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    samples: list[Sample] = field(default_factory=list)
    max_process_rss: int = 0  # bytes: the largest single process of the tree
    cpu_seconds: float = 0.0  # user + system time of the whole tree: less sensitive to other work than wall time
    load: float = 0.0  # the machine's 1-minute load average at the end: other work on the machine skews times

    @property
    def peak_pss(self) -> int:
        return max((s.pss for s in self.samples), default=0)

    @property
    def peak_rss(self) -> int:
        return max((s.rss for s in self.samples), default=0)

    def peak_between(self, start: float, end: float) -> int:
        """Peak PSS of the tree between two time.monotonic() marks; a stage shorter than a sample gets the next one."""
        inside = [s.pss for s in self.samples if start <= s.t <= end]
        if not inside:
            inside = [s.pss for s in self.samples if s.t >= start][:1]
        return max(inside, default=0)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _memory(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def _sample(pid: int, samples: list[Sample], stop: threading.Event) -> None:
    while not stop.is_set():
        t = time.monotonic()
        pids = _descendants(pid)
        totals = [_memory(p) for p in pids]
        samples.append(Sample(t, sum(r for r, _ in totals), sum(p for _, p in totals), len(pids)))
        stop.wait(SAMPLE_EVERY)


def run(command: list[str], *, cwd: Path | None = None, timeout: float | None = None) -> Run:
    """Run a command to its end, timing it and sampling the memory of its process tree."""
    with _Spool() as out, _Spool() as err:
        start = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, env=child_env(), stdout=out.file, stderr=err.file)
        samples: list[Sample] = []
        stop = threading.Event()
        sampler = threading.Thread(target=_sample, args=(process.pid, samples, stop), daemon=True)
        sampler.start()
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.monotonic() > deadline:
                process.kill()
            time.sleep(0.05)
        seconds = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
        return Run(seconds, process.returncode, out.text(), err.text(), samples, usage.ru_maxrss * 1024,
                   usage.ru_utime + usage.ru_stime, os.getloadavg()[0])


class _Spool:
    """A temporary file for a child's output: a pipe could fill up and stall it."""

    def __enter__(self) -> _Spool:
        self.file = tempfile.TemporaryFile()
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def text(self) -> str:
        self.file.seek(0)
        return self.file.read().decode("utf-8", errors="replace")


def tree_bytes(folder: Path, pattern: str = "*") -> tuple[int, int]:
    """Total bytes and number of the files under folder matching pattern."""
    sizes = [p.stat().st_size for p in folder.rglob(pattern) if p.is_file()]
    return sum(sizes), len(sizes)


def mib(n: float) -> str:
    return f"{n / 2**20:,.1f} MiB"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Table:
    """Figures per corpus size as aligned text; a figure that cannot be computed prints as '-'."""

    def __init__(self, results: dict[int, dict]) -> None:
        self.results = results
        self.sizes = sorted(results)
        self.rows: list[tuple[str, list[str]]] = []

    def row(self, label: str, get) -> None:
        values = []
        for n in self.sizes:
            try:
                values.append(get(self.results[n]))
            except (KeyError, TypeError, ZeroDivisionError):
                values.append("-")
        self.rows.append((label, values))

    def render(self) -> str:
        width = max(len(label) for label, _ in self.rows)
        cols = [max(len(f"{n:,}"), *(len(v[i]) for _, v in self.rows)) for i, n in enumerate(self.sizes)]
        lines = [" " * width + "  " + "  ".join(f"{n:,}".rjust(c) for n, c in zip(self.sizes, cols, strict=True))]
        lines += [label.ljust(width) + "  " + "  ".join(v.rjust(c) for v, c in zip(values, cols, strict=True))
                  for label, values in self.rows]
        return "\n".join(lines)
