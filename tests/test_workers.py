"""Work on all cores: results in order whatever the workers do, and a clear error, never a hang or an orphan."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from kbsite import workers
from kbsite.errors import KbError
from kbsite.workers import WorkerDied, background, chunks, conversation, imap, parallel, run
from tests.conftest import REPO


@contextmanager
def deadline(seconds: float):
    """A hang fails the test instead of stopping the suite."""
    def expired(*_):
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def slow_square(n: int) -> int:
    time.sleep(0.002 * (n % 5))  # chunks finish out of order
    return n * n


def test_results_come_in_the_order_of_the_items():
    items = list(range(200))
    assert parallel(2)
    with deadline(60):
        assert list(imap("squaring", slow_square, items, workers=3, chunk=7)) == [n * n for n in items]


@pytest.mark.parametrize("chunk", [None, 1, 3, 1000])
def test_serial_and_parallel_give_the_same_output(chunk, monkeypatch):
    items = [f"item {n}" * (n % 4) for n in range(57)]
    with deadline(60):
        forked = list(imap("upper-casing", str.upper, items, workers=2, chunk=chunk))
    monkeypatch.setattr(workers.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert not parallel(2)
    assert forked == list(imap("upper-casing", str.upper, items, workers=2, chunk=chunk)) == [s.upper() for s in items]


def pids_of_children() -> set[int]:
    return {p.pid for p in multiprocessing.active_children()}


def fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError(f"no sevens here ({n})")
    return n


def test_an_exception_in_a_worker_surfaces_with_its_message_and_the_stage():
    expected = r"counting failed in a worker process: ValueError: no sevens here \(7\)"
    with deadline(60), pytest.raises(KbError, match=expected):
        list(imap("counting", fails_on_seven, range(40), workers=2, chunk=2))
    assert not pids_of_children()


def test_a_user_error_in_a_worker_keeps_its_own_message():
    def refuse(n: int) -> int:
        raise KbError(f"kb/{n}.md: cannot be read")

    with deadline(60), pytest.raises(KbError) as raised:
        list(imap("reading", refuse, range(4), workers=2))
    assert str(raised.value) == "kb/0.md: cannot be read"


def test_the_results_before_a_failure_come_first():
    got = []
    with deadline(60), pytest.raises(KbError):
        for n in imap("counting", fails_on_seven, range(40), workers=2, chunk=2):
            got.append(n)
    assert got == list(range(6))


def killed_on_five(n: int) -> int:
    if n == 5:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer does, without a word
    time.sleep(0.01)
    return n


def test_a_worker_killed_with_sigkill_is_a_clear_error_at_once():
    start = time.monotonic()
    with deadline(30), pytest.raises(WorkerDied) as raised:
        list(imap("writing the article pages", killed_on_five, range(20), workers=2, chunk=2))
    assert time.monotonic() - start < 10
    message = str(raised.value)
    assert message.startswith("writing the article pages: a worker process was killed by SIGKILL")
    assert "out of memory" in message and "--jobs 1" in message
    assert raised.value.task == 2 and raised.value.exitcode == -signal.SIGKILL  # the chunk of items 4 and 5
    assert not pids_of_children()


def test_a_slow_task_does_not_hold_back_the_next_ones_and_results_stay_in_order():
    """With two workers, the third task starts as soon as the second is done, while the first still runs."""
    third_started = multiprocessing.get_context("fork").Event()

    def task(number, channel):
        if number == 0:  # waits for the third one, which an in-order start would never begin
            channel.send(third_started.wait(timeout=30))
            return
        if number == 2:
            third_started.set()
        channel.send(number)

    with deadline(60):
        assert list(run("waiting", [lambda c, n=n: task(n, c) for n in range(3)], workers=2)) == [True, 1, 2]


def test_a_conversation_keeps_each_childs_state_between_rounds():
    def task(start, channel):
        kept = list(range(start, start + 3))  # stays in the child
        channel.send(sum(kept))
        factor = channel.recv()
        channel.send([n * factor for n in kept])

    with deadline(60), conversation("talking", [lambda c, s=s: task(s, c) for s in (0, 10)]) as children:
        assert [child.recv() for child in children] == [3, 33]
        for child in children:
            child.send(2)
        assert [child.recv() for child in children] == [[0, 2, 4], [20, 22, 24]]
    assert not pids_of_children()


def test_a_conversation_partner_that_dies_is_a_clear_error():
    def task(channel):
        channel.recv()
        os._exit(3)

    expected = r"talking: a worker process ended \(exit code 3\)"
    with deadline(30), pytest.raises(WorkerDied, match=expected), conversation("talking", [task]) as (child,):
        child.send("go")
        child.recv()


def test_background_work_runs_while_the_caller_works_and_gives_its_result():
    """The child works while the caller waits on something else: here, on the child itself."""
    started = multiprocessing.get_context("fork").Event()

    def work() -> tuple[int, bool]:
        started.set()
        return os.getpid(), True

    with deadline(60), background("indexing", work, workers=2) as result:
        assert started.wait(timeout=30)  # before the result is asked for
        pid, done = result()
        assert pid != os.getpid() and done
        assert result() == (pid, True)  # asked again: the same, the child is gone
    assert not pids_of_children()


def test_background_work_in_one_process_runs_when_its_result_is_asked_for():
    ran = []

    def work() -> int:
        ran.append(os.getpid())
        return 42

    with background("indexing", work, workers=1) as result:
        assert ran == []
        assert result() == 42
    assert ran == [os.getpid()]


def test_background_work_that_fails_or_dies_is_a_clear_error_when_its_result_is_asked_for():
    with deadline(60), pytest.raises(KbError, match=r"^indexing failed in a worker process: ValueError: no sevens"), \
            background("indexing", lambda: fails_on_seven(7), workers=2) as result:
        result()
    with deadline(60), pytest.raises(WorkerDied, match=r"^indexing: a worker process was killed by SIGKILL"), \
            background("indexing", lambda: killed_on_five(5), workers=2) as result:
        result()
    assert not pids_of_children()


def test_background_work_not_waited_for_is_stopped_with_the_block():
    with deadline(60), pytest.raises(RuntimeError, match="the caller failed"), \
            background("indexing", lambda: time.sleep(300), workers=2):
        assert pids_of_children()
        raise RuntimeError("the caller failed")
    assert not pids_of_children()


@pytest.mark.parametrize(("total", "workers_", "size"), [(7, 2, 2), (1300, 2, 1000), (5000, 2, None), (3, 4, 1),
                                                          (2, 8, None), (100, 3, None)])
def test_chunks_cover_every_item_once_in_order_and_none_is_too_big(total, workers_, size):
    bounds = chunks(total, workers_, size)
    assert [i for start, stop in bounds for i in range(start, stop)] == list(range(total))
    assert all(0 < stop - start <= (size or workers.MAX_CHUNK) for start, stop in bounds)
    if total >= workers_:
        assert len(bounds) % workers_ == 0 or len(bounds) == total


def test_no_worker_processes_inside_a_worker():
    def nested(n: int) -> bool:
        return parallel(2)

    with deadline(60):
        assert list(imap("nesting", nested, range(4), workers=2)) == [False] * 4


_INTERRUPTED = textwrap.dedent("""
    import os, signal, sys, time
    from kbsite.workers import imap

    # As at a terminal: a process started in the background by a shell inherits Ctrl-C ignored (as the test suite
    # is, run from a script), and Python then leaves it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def slow(n):
        with open(os.path.join(sys.argv[1], str(os.getpid())), "w"):
            pass
        time.sleep(60)
        return n

    try:
        list(imap("waiting", slow, range(8), workers=2, chunk=1))
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(130)
""")


def alive(pid: int) -> bool:
    """Running, or stopped: a zombie has ended, whoever is to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_ctrl_c_stops_every_worker_and_is_reported_once(tmp_path):
    pids = tmp_path / "pids"
    pids.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", _INTERRUPTED, str(pids)], cwd=REPO, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            if len(list(pids.iterdir())) == 2:
                break
            time.sleep(0.1)
        children = [int(p.name) for p in pids.iterdir()]
        assert len(children) == 2
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: to the whole process group
        out, err = proc.communicate(timeout=30)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == 130 and out == "interrupted\n"
    assert "Traceback" not in err
    assert not any(alive(pid) for pid in children)
    assert len(list(pids.iterdir())) == 2  # no task started after the interrupt


def test_workers_die_with_their_parent(tmp_path):
    """A parent killed outright leaves no worker behind (Linux)."""
    pids = tmp_path / "pids"
    pids.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", _INTERRUPTED, str(pids)], cwd=REPO, start_new_session=True)
    try:
        for _ in range(300):
            if len(list(pids.iterdir())) == 2:
                break
            time.sleep(0.1)
        children = [int(p.name) for p in pids.iterdir()]
        proc.kill()
        proc.wait(timeout=30)
        for _ in range(100):
            if not any(alive(pid) for pid in children):
                break
            time.sleep(0.1)
        assert len(children) == 2 and not any(alive(pid) for pid in children)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
