"""Print one of the README's commands, verbatim, so CI runs exactly what a newcomer runs:
    python3 .ci/readme_command.py run|test|browser
run and test are the two Quick start commands; browser the browser tests' command."""

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def quick_start_commands(text: str) -> dict[str, str]:
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)
    commands = {}
    for block in blocks:
        if "factcheck run" in block:
            commands["run"] = block.strip()
        elif "pytest" in block:
            commands["test"] = block.strip()
    for block in re.findall(r"```sh\n(.*?)\n```", text, flags=re.S):
        if "-m browser" in block:
            commands["browser"] = block.strip()
    return commands


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "test"
    commands = quick_start_commands(README.read_text(encoding="utf-8"))
    if which not in commands:
        sys.exit(f"README.md: no Quick start command for {which!r} (found: {', '.join(commands) or 'none'})")
    print(commands[which])
