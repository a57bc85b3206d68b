"""The README stays true: every command is documented, examples parse."""

from __future__ import annotations

import re
from pathlib import Path

import click

from factcheck.claims import parse_claims
from factcheck.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "factcheck"):
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from all_commands(command, full)
        else:
            yield full, command


def test_every_command_is_in_the_readme_and_has_an_example():
    for name, command in all_commands(cli):
        assert f"`{name}" in README, f"{name} is not documented in README.md"
        assert "Example:" in (command.help or ""), f"{name} --help has no Example: line"


def test_readme_claims_example_is_valid():
    block = re.search(r"## The claims file.*?```yaml\n(.*?)```", README, re.S).group(1)
    parsed = parse_claims(block, "README.md")
    assert parsed.claims[0].id == "openai-cofounded-2015"


def test_quick_start_has_two_commands_that_install_and_run():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert len(commands) == 2
    assert "factcheck run claims/feud.yaml" in commands[0] and "pip install -e ." in commands[0]
    assert "pytest" in commands[1]
    spec = re.search(r"-e '(\.\[[^\]]*\])'", commands[1]).group(1)  # e.g. .[test,nli]
    assert "test" in spec[2:-1].split(",")
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text()
    assert f"-e '{spec}'" in ci and "python -m pytest" in ci
