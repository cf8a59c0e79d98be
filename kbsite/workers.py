"""Work on all cores: the one way every stage of the build runs its work in several processes.

Why it works this way:
- Children are forked, so they inherit what the parent holds (the taxonomy, the Site, the search records,
  MkDocs' pages): nothing big is pickled to them, and the work may be any function, a closure too. The
  garbage collector is frozen before each fork, or the children's collections would touch, and so copy,
  every inherited object (+1 GB at 50k articles).
- A fresh child per chunk, at most `workers` at a time, and a new one as soon as any is done: the memory
  a chunk took goes back to the system when its child ends, and no core waits on a slow chunk.
- A child that dies (killed for want of memory) fails the stage with an error naming it, at once: a
  multiprocessing.Pool waits for ever for such a worker.
- Results come back in the order of the items, however the chunks finish: the output does not depend on
  the number of workers. With one worker, without fork or inside a worker, the same calls run in this process.
- The children ignore Ctrl-C and die with the parent: the parent stops them and reports the interrupt once,
  and none is left behind.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import math
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from kbsite.errors import KbError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

MAX_CHUNK = 1000  # items a chunk holds at most, by default: its results cross a pipe at once
CHUNKS_PER_WORKER = 4  # by default; more chunks even out the last round, each costs a fork
_PR_SET_PDEATHSIG = 1


class WorkerDied(KbError):
    """A worker process ended before it sent its results (killed, often for want of memory)."""

    def __init__(self, message: str, task: int, exitcode: int | None) -> None:
        super().__init__(message)
        self.task = task
        self.exitcode = exitcode


def default_workers() -> int:
    """All the cores this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def parallel(workers: int) -> bool:
    """Whether work for `workers` processes runs in forked children here (see the module's docstring)."""
    return (workers > 1 and "fork" in multiprocessing.get_all_start_methods()
            and multiprocessing.parent_process() is None)


def imap(stage: str, fn: Callable[[T], R], items: Sequence[T], *, workers: int,
         chunk: int | None = None) -> Iterator[R]:
    """fn(item) for every item, in the items' order, computed by `workers` forked children in chunks of at
    most `chunk` items (see `chunks`). `stage` names the work in errors ("reading the articles")."""
    if not parallel(workers) or len(items) < 2:
        yield from map(fn, items)
        return
    tasks = [partial(_send_chunk, fn, items, start, stop) for start, stop in chunks(len(items), workers, chunk)]
    for results in run(stage, tasks, workers=workers):
        yield from results


def chunks(total: int, workers: int, size: int | None = None) -> list[tuple[int, int]]:
    """Consecutive ranges covering range(total), as even as can be: at most `size` items each (by default
    MAX_CHUNK, and at least CHUNKS_PER_WORKER chunks a worker), and a multiple of `workers` of them, so the
    last round keeps every worker busy."""
    workers = max(1, workers)
    count = math.ceil(total / (size or MAX_CHUNK) / workers) * workers
    if size is None:
        count = max(count, CHUNKS_PER_WORKER * workers)
    count = min(count, total)
    return [(i * total // count, (i + 1) * total // count) for i in range(count)]


def _send_chunk(fn: Callable[[Any], Any], items: Sequence[Any], start: int, stop: int, channel: Connection) -> None:
    channel.send([fn(item) for item in items[start:stop]])


def run(stage: str, tasks: Sequence[Callable[[Connection], None]], *, workers: int) -> Iterator[Any]:
    """Each task in a forked child, `workers` at a time; yields the one thing each task sends back, in the
    tasks' order. A task that raises, or a child that dies, fails the stage when its turn comes (the tasks
    before it are yielded first) and no further task starts."""
    running: dict[Connection, tuple[int, Worker]] = {}
    finished: dict[int, tuple[bool, Any]] = {}
    started = done = 0
    failed = False
    with _Crew(stage) as crew:
        while done < len(tasks):
            while started < len(tasks) and not failed and len(running) < workers:
                worker = crew.start(tasks[started])
                running[worker.channel] = (started, worker)
                started += 1
            if done not in finished:
                for channel in wait(list(running)):
                    index, worker = running.pop(channel)
                    try:
                        finished[index] = (True, worker.recv(index))
                    except KbError as exc:
                        finished[index], failed = (False, exc), True
                    worker.close()
            while done in finished:
                ok, got = finished.pop(done)
                done += 1
                if not ok:
                    raise got
                yield got


@contextmanager
def background(stage: str, fn: Callable[[], R], *, workers: int) -> Iterator[Callable[[], R]]:
    """fn() in a forked child while this process goes on with other work; yields a callable that waits for
    fn's result (and raises what fn raised, or that its child died). The child takes a core the other work
    leaves idle: a stage's parts that run in one process, or a last round of chunks shorter than the others.
    Without workers (one worker, no fork, inside a worker) fn runs in this process when its result is asked for,
    as if in turn. A child whose result is not asked for is stopped when the block ends."""
    if not parallel(workers):
        yield fn
        return
    with _Crew(stage) as crew:
        worker = crew.start(partial(_send_result, fn))
        got: list[R] = []

        def result() -> R:
            if not got:
                got.append(worker.recv())
                worker.close()
            return got[0]

        yield result


def _send_result(fn: Callable[[], Any], channel: Connection) -> None:
    channel.send(fn())


@contextmanager
def conversation(stage: str, tasks: Sequence[Callable[[Connection], None]]) -> Iterator[list[Worker]]:
    """All the tasks at once, each in a forked child the caller talks with (Worker.send, Worker.recv), for
    work in rounds: the children keep what they made between two rounds. Stopped at the end, whatever happens."""
    with _Crew(stage) as crew:
        yield [crew.start(task) for task in tasks]


@dataclass
class _Failed:
    """What a task raised, as text: the exception itself may not pickle."""

    message: str
    traceback: str
    user_error: bool  # a KbError: its message is for the user as it stands


@dataclass
class Worker:
    """One forked child running one task, and the parent's end of the pipe to it."""

    stage: str
    process: multiprocessing.process.BaseProcess
    channel: Connection

    def send(self, message: object) -> None:
        try:
            self.channel.send(message)
        except (BrokenPipeError, ConnectionResetError):
            raise self._died(0) from None

    def recv(self, task: int = 0) -> Any:
        """What the child sends next; a KbError naming the stage if it failed or died instead."""
        try:
            got = self.channel.recv()
        except (EOFError, ConnectionResetError):
            raise self._died(task) from None
        if isinstance(got, _Failed):
            log.debug("%s: the worker's traceback:\n%s", self.stage, got.traceback)
            if got.user_error:
                raise KbError(got.message)
            raise KbError(f"{self.stage} failed in a worker process: {got.message}")
        return got

    def _died(self, task: int) -> WorkerDied:
        self.process.join(timeout=5)
        code = self.process.exitcode
        how = (f"was killed by {signal.Signals(-code).name}" if code is not None and code < 0
               and -code in signal.valid_signals() else f"ended (exit code {code})")
        hint = " (often: the system ran out of memory)" if code in (-signal.SIGKILL, None) else ""
        return WorkerDied(f"{self.stage}: a worker process {how}{hint} before it sent its results. Nothing "
                          "was replaced; run the build again, with --jobs 1 if it keeps failing.", task, code)

    def close(self) -> None:
        """After its last message: the child is exiting."""
        self.channel.close()
        self.process.join()

    def stop(self) -> None:
        """At once, whatever it is doing (an error elsewhere, Ctrl-C)."""
        if self.process.exitcode is None:
            self.process.terminate()
        self.process.join()
        self.channel.close()


class _Crew:
    """The children of one stage: every one started is stopped when the stage ends, however it ends, and the
    collector frozen for them is thawed."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.workers: list[Worker] = []

    def __enter__(self) -> _Crew:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            for worker in self.workers:
                worker.stop()
        finally:
            gc.unfreeze()

    def start(self, task: Callable[[Connection], None]) -> Worker:
        context = multiprocessing.get_context("fork")
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_child, args=(task, child_end, os.getpid()), daemon=True,
                                  name=f"kbsite: {self.stage}")
        gc.freeze()  # the one place: each child's collections then leave the inherited objects, and memory, shared
        # Ctrl-C waits until the child is listed, so that it is stopped; the child ignores it (see _child)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            process.start()
            self.workers.append(Worker(self.stage, process, parent_end))
        except OSError as exc:  # no memory or no process left for one more
            parent_end.close()
            raise KbError(f"{self.stage}: cannot start a worker process ({exc.strerror or exc}); close other "
                          "programs, or run with --jobs 1") from exc
        finally:
            child_end.close()
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return self.workers[-1]


def _child(task: Callable[[Connection], None], channel: Connection, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this process
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with(parent)
    try:
        task(channel)
    except BaseException as exc:  # sent to the parent, which raises it in its turn
        channel.send(_Failed(f"{type(exc).__name__}: {exc}" if not isinstance(exc, KbError) else str(exc),
                             traceback.format_exc(), isinstance(exc, KbError)))
    finally:
        channel.close()


def _die_with(parent: int) -> None:
    """Linux: the kernel kills this process when the parent dies, even by SIGKILL, so none is left behind."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # it died before the request was made
            os._exit(1)
