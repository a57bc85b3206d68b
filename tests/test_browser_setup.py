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


def test_ci_script_and_readme_run_the_browser_tests():
    script = (ROOT / ".ci" / "browser").read_text(encoding="utf-8")
    assert "apt-get install" in script and "-m browser tests/browser" in script
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(.*-m browser tests/browser)\n```", readme)
    assert command and "[test,browser]" in command.group(1)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(dep.startswith("websocket-client") for dep in extras["browser"])
