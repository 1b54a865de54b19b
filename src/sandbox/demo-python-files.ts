// The demo's Python package: a small real Poetry project (no dependencies, so `poetry build`,
// `poetry run pytest` and `poetry run black --check .` run offline) with real tests. Its text is
// black-formatted; test/sandbox/demo-tools.test.ts runs black and pytest on it.

const PYPROJECT = (version: string) => `[tool.poetry]
name = "micromegas"
version = "${version}"
description = "Python analytics client for Micromegas"
authors = ["Marc-Antoine Desroches <madesroches@gmail.com>"]
license = "Apache-2.0"
readme = "README.md"
packages = [{ include = "micromegas" }]

[tool.poetry.dependencies]
python = "^3.9"

[tool.pytest.ini_options]
pythonpath = ["."]
testpaths = ["tests"]

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`;

const INIT = `"""Python client for Micromegas: durations and sizes as the analytics service writes them."""

from importlib.metadata import PackageNotFoundError, version

from .time import format_duration, parse_duration
from .units import format_bytes

try:
    __version__ = version("micromegas")
except PackageNotFoundError:  # running from a source tree, not installed
    __version__ = "0.0.0"

__all__ = ["format_bytes", "format_duration", "parse_duration", "__version__"]
`;

const TIME = `"""Durations in the compact form of the query language: "1h30m", "250ms"."""

import re

_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)")


def parse_duration(text: str) -> float:
    """Seconds in a duration such as "1h30m" or "250ms"."""
    compact = text.replace(" ", "")
    parts = _PART.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"not a duration: {text!r}")
    return sum(float(n) * _UNITS[u] for n, u in parts)


def format_duration(seconds: float) -> str:
    """The shortest exact form: 5400 -> "1h 30m", 0.25 -> "250ms"."""
    if seconds < 1:
        return f"{round(seconds * 1000)}ms"
    out = []
    rest = int(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, rest = divmod(rest, size)
        if count:
            out.append(f"{count}{unit}")
    return " ".join(out)
`;

const UNITS = `"""Byte sizes as the analytics service reports them."""


def format_bytes(size: int) -> str:
    """1536 -> "1.5 KiB"; below 1 KiB the exact count."""
    if size < 0:
        raise ValueError("a size cannot be negative")
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
`;

const TEST_TIME = `import pytest

from micromegas import format_duration, parse_duration


@pytest.mark.parametrize(
    "text, seconds",
    [("1h30m", 5400), ("250ms", 0.25), ("2d", 172800), ("1m 5s", 65)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "10", "1y", "h1"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_format_duration_round_trips():
    for seconds in (0.25, 59, 5400, 90061):
        assert parse_duration(format_duration(seconds)) == seconds
`;

const TEST_UNITS = `import pytest

from micromegas import format_bytes


def test_small_sizes_are_exact():
    assert format_bytes(0) == "0 B"
    assert format_bytes(1023) == "1023 B"


def test_binary_units():
    assert format_bytes(1536) == "1.5 KiB"
    assert format_bytes(3 * 1024**3) == "3.0 GiB"


def test_negative_sizes_are_refused():
    with pytest.raises(ValueError):
        format_bytes(-1)
`;

/** python/micromegas/**: the package, its tests and its Poetry project for one version. */
export function demoPythonFiles(version: string): Map<string, string> {
  const root = 'python/micromegas';
  return new Map([
    [`${root}/pyproject.toml`, PYPROJECT(version)],
    [`${root}/README.md`, '# micromegas\n\nPython client for Micromegas.\n\n```sh\npip install micromegas\n```\n'],
    [`${root}/micromegas/__init__.py`, INIT],
    [`${root}/micromegas/time.py`, TIME],
    [`${root}/micromegas/units.py`, UNITS],
    [`${root}/tests/test_time.py`, TEST_TIME],
    [`${root}/tests/test_units.py`, TEST_UNITS],
  ]);
}
