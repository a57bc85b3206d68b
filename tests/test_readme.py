"""The README stays true: every command is documented, examples parse."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import click

from factcheck.claims import parse_claims
from factcheck.cli import cli

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "factcheck"):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the lazily loaded ones too (cli._Group)
        command = group.get_command(ctx, name)
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from all_commands(command, full)
        else:
            yield full, command


def test_every_command_is_in_the_readme_and_has_an_example():
    for name, command in all_commands(cli):
        assert f"`{name}" in README, f"{name} is not documented in README.md"
        assert "Example:" in (command.help or ""), f"{name} --help has no Example: line"


def test_lazy_commands_list_their_own_help():
    ctx = click.Context(cli)
    for name, text in cli.LAZY.items():
        assert cli.get_command(ctx, name).get_short_help_str(1000) == text


def test_readme_claims_example_is_valid():
    block = re.search(r"## The claims file.*?```yaml\n(.*?)```", README, re.S).group(1)
    parsed = parse_claims(block, "README.md")
    assert parsed.claims[0].id == "openai-cofounded-2015"


def test_quick_start_has_two_commands_that_install_from_the_lock_and_run():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert len(commands) == 2
    run, test = commands
    assert "factcheck run claims/feud.yaml" in run and "-r .ci/lock/run.txt" in run
    assert "pytest" in test and "-r .ci/lock/test.txt" in test
    for command in commands:
        assert "--no-deps" in command and "-e ." in command  # the package adds nothing beyond the lock
        assert "--upgrade" not in command
    ci = (ROOT / ".ci" / "run").read_text()
    assert 'for which in test browser' in ci and 'readme_command.py "$which"' in ci and not re.search(r"\bpip\b", ci)  # CI runs the README's command, nothing else


def _names(requirements: list[str]) -> set[str]:
    return {re.sub(r"[._]", "-", re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower()) for r in requirements}


def _locked(path: Path) -> dict[str, str]:
    text = path.read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, re.M))
    assert pins, path
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text)
    for block in blocks[1:]:
        assert "--hash=sha256:" in block, f"{path.name}: {block.splitlines()[0]} has no hash"
    return {re.sub(r"[._]", "-", name.lower()): version for name, version in pins.items()}


def test_the_lock_pins_every_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    run = _locked(ROOT / ".ci" / "lock" / "run.txt")
    test = _locked(ROOT / ".ci" / "lock" / "test.txt")
    assert _names(project["dependencies"]) <= set(run), "refresh the lock: bash .ci/lock/refresh"
    extras = project["optional-dependencies"]["test"] + project["optional-dependencies"]["nli"]
    assert _names(project["dependencies"] + extras) <= set(test), "refresh the lock: bash .ci/lock/refresh"
    assert "setuptools" in run and "setuptools" in test  # the build backend, for --no-build-isolation
    assert "lxml-html-clean" in run  # what justext imports (issue 9)
    for name, version in run.items():
        assert test.get(name) == version, f"{name}: run.txt {version} but test.txt {test.get(name)}"
