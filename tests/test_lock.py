import subprocess
import sys

import pytest

from kbsite.errors import BuildLocked
from kbsite.lock import BuildLock


def test_second_build_is_refused_with_a_clear_message(tmp_path):
    with BuildLock(tmp_path), pytest.raises(BuildLocked, match="another kbsite build is running"):
        BuildLock(tmp_path).__enter__()


def test_lock_of_a_killed_process_is_free(tmp_path):
    code = (f"import os, pathlib; from kbsite.lock import BuildLock; "
            f"BuildLock(pathlib.Path({str(tmp_path)!r})).__enter__(); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], check=True)
    with BuildLock(tmp_path):
        pass
