"""Bad input: each mistake in a claims file gets one clear error naming the
file, the line and the fix, exit code 2, and nothing is written (no cache/,
no reports/), even when a good file is named first."""

from __future__ import annotations

import pytest
from conftest import invoke

GOOD = "claims:\n  - text: Musk founded xAI in 2023.\n    sources: [https://news.example.org/xai]\n"

# name: (file bytes, line the error must name (None: no line), words the message must hold)
CASES = {
    "malformed-yaml": (b'claims:\n  - text: "unclosed\n    sources: [a]\n', 2, "quoted string"),
    "unclosed-bracket": (b"claims:\n  - text: hi\n    sources: [a, b\n", 3, "flow sequence"),
    "tab-indent": (b"claims:\n\t- text: hi\n", 2, "invalid YAML"),
    "text-is-a-list": (b"claims:\n  - text: [1, 2]\n    sources: [https://a.example/x]\n", 2,
                       "'text' must be a string, not a list"),
    "claims-is-a-number": (b"claims: 5\n", 1, "'claims' must be a list"),
    "claim-is-a-string": (b"claims:\n  - just a sentence\n", 2, "claim must be a mapping, not a string"),
    "sources-is-a-number": (b"claims:\n  - text: hi\n    sources: 42\n", 3, "must be a list"),
    "source-is-a-number": (b"claims:\n  - text: hi\n    sources: [7]\n", 3, "is not an id or URL"),
    "top-level-is-a-list": (b"- text: hi\n", 1, "top level must be a mapping, not a list"),
    "unknown-key": (b"claims:\n  - text: hi\n    sorces: [https://a.example/x]\n", 3, "did you mean 'sources'"),
    "duplicate-ids": (b"claims:\n  - id: a\n    text: hi\n    sources: [https://a.example/x]\n"
                      b"  - id: a\n    text: ho\n    sources: [https://a.example/x]\n", 5,
                      "duplicate claim id 'a' (first on line 2)"),
    "duplicate-texts": (b"claims:\n  - text: hi\n    sources: [https://a.example/x]\n"
                        b"  - text: hi\n    sources: [https://a.example/y]\n", 4, "duplicate claim id"),
    "duplicate-source-ids": (b"sources:\n  a: https://a.example/\n  a: https://b.example/\nclaims:\n"
                             b"  - text: hi\n    sources: [a]\n", 3, "duplicate key"),
    "unknown-source-id": (b"sources:\n  guardian: https://a.example/\nclaims:\n  - text: hi\n"
                          b"    sources: [guardain]\n", 5, "did you mean 'guardian'"),
    "url-without-host": (b'claims:\n  - text: hi\n    sources: ["http://"]\n', 3, "has no host"),
    "url-ftp": (b'claims:\n  - text: hi\n    sources: ["ftp://a.example/x"]\n', 3, "only http and https"),
    "url-javascript": (b'sources:\n  a: "javascript:alert(1)"\nclaims:\n  - text: hi\n    sources: [a]\n', 2,
                       "only http and https"),
    "url-with-spaces": (b"sources:\n  a: not a url\nclaims:\n  - text: hi\n    sources: [a]\n", 2, "white space"),
    "url-bad-port": (b'claims:\n  - text: hi\n    sources: ["http://a.example:99999/"]\n', 3, "invalid port"),
    "empty-text": (b'claims:\n  - text: ""\n    sources: [https://a.example/x]\n', 2, "'text' is empty"),
    "no-sources": (b"claims:\n  - text: hi\n", 2, "has no 'sources'"),
    "empty-sources": (b"claims:\n  - text: hi\n    sources: []\n", 3, "empty 'sources' list"),
    "empty-claims": (b"claims: []\n", 1, "'claims' is empty"),
    "no-claims-key": (b"title: An article\n", 1, "missing 'claims:' list"),
    "empty-file": (b"", 1, "file is empty"),
    "only-comments": (b"\n# nothing here\n", 1, "file is empty"),
    "latin-1-file": ("claims:\n  - text: café\n    sources: [https://a.example/x]\n".encode("latin-1"), 2,
                     "not valid UTF-8"),
    "utf-16-file": (GOOD.encode("utf-16"), 1, "not valid UTF-8"),
    "binary-file": (bytes(range(256)) * 4, 2, "not valid UTF-8"),  # byte 0x0a ends line 1
    "python-object-tag": (b'claims:\n  - !!python/object/apply:os.system ["echo pwned"]\n', 2,
                          "claim must be a mapping, not a list"),
}


def assert_nothing_written(workdir) -> None:
    assert not (workdir / "cache").exists() and not (workdir / "reports").exists()


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_claims_file_gets_one_error_with_file_and_line_and_exit_2(name, workdir, runner):
    data, line, words = CASES[name]
    (workdir / "good.yaml").write_text(GOOD, encoding="utf-8")
    (workdir / "bad.yaml").write_bytes(data)
    result = invoke(runner, ["run", "--offline", "good.yaml", "bad.yaml"])
    assert result.exit_code == 2, result.output
    assert result.output.count("Error:") == 1
    assert f"Error: bad.yaml:{line}: " in result.output
    assert words in result.output
    assert "fix:" in result.output
    assert "Traceback" not in result.output and "Commented" not in result.output
    assert_nothing_written(workdir)


def test_claims_file_that_is_a_directory(workdir, runner):
    (workdir / "claims.yaml").mkdir()
    result = invoke(runner, ["run", "claims.yaml"])
    assert result.exit_code == 2
    assert "Error: claims.yaml: is a directory" in result.output
    assert_nothing_written(workdir)


def test_missing_claims_file(workdir, runner):
    result = invoke(runner, ["run", "nowhere.yaml"])
    assert result.exit_code == 2
    assert "Error: nowhere.yaml: no such file" in result.output
    assert_nothing_written(workdir)


def test_huge_claims_file_is_refused_before_it_is_read(workdir, runner):
    from factcheck.claims import MAX_FILE_BYTES

    with open(workdir / "huge.yaml", "wb") as handle:
        handle.write(GOOD.encode())
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap to make, and it must not be read
    result = invoke(runner, ["run", "huge.yaml"])
    assert result.exit_code == 2
    assert f"over the {MAX_FILE_BYTES:,}-byte limit" in result.output and "split" in result.output
    assert_nothing_written(workdir)


def test_many_claims_under_the_limit_load(workdir):
    from factcheck.claims import load_claims

    lines = ["sources:"] + [f"  s{i}: https://h{i % 7}.example/p/{i}" for i in range(300)] + ["claims:"]
    for i in range(1500):
        lines += [f"  - id: c{i}", f"    text: Claim {i} about the year {2000 + i % 25}.",
                  f"    sources: [s{i % 300}, https://x.example/{i % 400}]"]
    (workdir / "many.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_claims(workdir / "many.yaml")
    assert len(loaded.claims) == 1500 and len(loaded.sources) == 700
    assert loaded.claims[-1].line == 3 + 300 + 3 * 1499  # lines stay exact deep into the file


def test_bad_environment_setting_exits_2(workdir, runner, monkeypatch):
    (workdir / "good.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CONCURRENCY", "many")
    result = invoke(runner, ["run", "--offline", "good.yaml"])
    assert result.exit_code == 2
    assert "FACTCHECK_CONCURRENCY='many' is not a valid int" in result.output
    assert_nothing_written(workdir)
