"""The browser tests stay out of the default run, and CI and the README run them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_default_run_deselects_browser_tests_and_every_one_is_marked():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "-m 'not browser'" in config["addopts"]
    assert any(m.startswith("browser:") for m in config["markers"])
    for path in (ROOT / "tests" / "browser").glob("test_*.py"):
        assert "pytestmark = pytest.mark.browser" in path.read_text(encoding="utf-8"), path


def test_ci_runs_the_readmes_browser_command_which_installs_chromium_and_the_locked_project():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "for which in test browser" in script
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(.*-m browser tests/browser)\n```", readme)
    assert command and "apt-get install -y chromium" in command.group(1)
    assert "-r .ci/lock/test.txt" in command.group(1)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(dep.startswith("websocket-client") for dep in extras["test"])
    assert "websocket-client==" in (ROOT / ".ci" / "lock" / "test.txt").read_text(encoding="utf-8")
