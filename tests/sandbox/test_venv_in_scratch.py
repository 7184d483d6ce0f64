"""A virtualenv under /tmp (CI makes one with mktemp): its site-packages is bound read-only over the
sandbox's fresh /tmp, survives the scratch clean-up between jobs, and a job cannot move it away."""

import os
import subprocess
import sys
import tempfile

import pytest

from sandbox_support import bwrap_executor
from tracepile.engine import trace


@pytest.fixture(scope="module")
def venv():
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="tracepile-venv-test.") as root:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", root], check=True)
        python = os.path.join(root, "bin", "python")
        site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
        with open(os.path.join(site, "probe_lib.py"), "w") as fh:
            fh.write("ANSWER = 42\n")
        yield python, os.path.realpath(site)


def test_a_venv_under_tmp_imports_stays_read_only_and_keeps_its_worker(venv):
    python, site = venv
    executor = bwrap_executor()
    try:
        imports = "import probe_lib\ndef f():\n    return probe_lib.ANSWER, probe_lib.__file__\n"
        write = f"def f():\n    open({os.path.join(site, 'evil.py')!r}, 'w').write('x')\n"
        for _ in range(2):
            assert trace(imports, "f()", executor=executor, python=python).outcome.value == \
                repr((42, os.path.join(site, "probe_lib.py")))
            assert trace(write, "f()", executor=executor, python=python).outcome.reason.startswith(
                "raised OSError: [Errno 30]")
        assert executor.stats["workers_recycled"] == 0  # the clean-up between jobs keeps the bind
    finally:
        executor.close()
    assert not os.path.exists(os.path.join(site, "evil.py"))


def test_a_job_that_moves_the_venv_away_gets_the_next_job_a_fresh_worker(venv):
    python, site = venv
    top = "/tmp/" + os.path.relpath(site, "/tmp").split("/")[0]
    executor = bwrap_executor()
    try:
        move = f"import os\ndef f():\n    os.rename({top!r}, '/tmp/moved')\n"
        assert trace(move, "f()", executor=executor, python=python).outcome.status == "ok"
        imports = "import probe_lib\ndef f():\n    return probe_lib.ANSWER\n"
        assert trace(imports, "f()", executor=executor, python=python).outcome.value == "42"
        assert executor.stats["workers_recycled"] == 1
    finally:
        executor.close()
