"""Pin, beside each package, the extras its dependencies ask for (run by .ci/lock/refresh).

pip-compile --strip-extras writes ``lxml==6.1.3``, but justext asks for ``lxml[html_clean]``. pip
23.2 (what ``python3 -m venv`` gives on Python 3.11, and the README adds no pip upgrade) resolves a
requirement with extras apart from the pinned package: once lxml 6.2.0 was published it took 6.2.0
for ``lxml[html_clean]`` and refused to install in --require-hashes mode ("all requirements must
have their versions pinned with =="), on a fresh machine, with the lock unchanged. A line
``lxml[html_clean]==6.1.3`` with the same hashes pins that requirement too. The extra is spelt as the
dependency spells it (pip 23.2 does not normalise html_clean to html-clean).

    python .ci/lock/pin_extras.py .ci/lock/run.txt .ci/lock/test.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: (package, extra as its dependents write it): add one when pip reports such a requirement.
EXTRAS = (("lxml", "html_clean"),)


def pin(text: str) -> str:
    for name, extra in EXTRAS:
        if re.search(rf"^{re.escape(name)}\[{re.escape(extra)}\]==", text, re.M):
            continue  # already pinned
        m = re.search(rf"^{re.escape(name)}==\S+ \\\n(?:    --hash=\S+(?: \\)?\n)+", text, re.M)
        if m is None:
            continue  # not in this lock
        block = m.group(0)
        extra_block = block.replace(f"{name}==", f"{name}[{extra}]==", 1)
        note = f"    # pinned with its extra too: .ci/lock/pin_extras.py\n"
        text = text.replace(block, block + extra_block + note, 1)
    return text


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        path = Path(arg)
        path.write_text(pin(path.read_text(encoding="utf-8")), encoding="utf-8")
