"""The Indonesian guides exist, are in Indonesian, and follow their English source: each begins with a
comment naming its source and the source's fingerprint, so a change to the English guide fails this
test until the Indonesian one is brought up to date (then the fingerprint is updated)."""
from __future__ import annotations

import hashlib
import re

import pytest

from _notebooks import ROOT
from test_notebooks import mostly_english

GUIDES = {
    "README.md": "README.id.md",
    "docs/instructor_guide.md": "docs/id/instructor_guide.md",
    "docs/troubleshooting.md": "docs/id/troubleshooting.md",
    "docs/classroom_server.md": "docs/id/classroom_server.md",
    "docs/translating.md": "docs/id/translating.md",
    "data/README.md": "data/README.id.md",
}
STAMP = re.compile(r"^<!-- Terjemahan dari (?P<source>\S+) \(sha256 (?P<digest>[0-9a-f]{12})\)")


def fingerprint(path) -> str:
    return hashlib.sha256((ROOT / path).read_bytes()).hexdigest()[:12]


@pytest.mark.parametrize("english, indonesian", GUIDES.items())
def test_indonesian_guide_is_current_with_its_english_source(english, indonesian):
    path = ROOT / indonesian
    assert path.exists(), f"{indonesian} is missing: translate {english}"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    stamp = STAMP.match(first)
    assert stamp and stamp["source"] == english, f"{indonesian} must start with <!-- Terjemahan dari {english} (sha256 ...) -->"
    assert stamp["digest"] == fingerprint(english), (
        f"{english} changed since {indonesian} was translated: bring the translation up to date, then set its "
        f"fingerprint to {fingerprint(english)}")


@pytest.mark.parametrize("indonesian", GUIDES.values())
def test_indonesian_guide_reads_as_indonesian(indonesian):
    path = ROOT / indonesian
    if not path.exists():
        pytest.skip("missing (the test above fails)")
    paragraphs = [p for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    english = [p[:80] for p in paragraphs if mostly_english(p)]
    assert len(english) <= max(2, len(paragraphs) // 20), f"paragraphs that read as English: {english[:5]}"


def test_each_english_guide_links_to_its_translation():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "README.id.md" in readme.split("\n## ", 1)[0], "README links to README.id.md at the top"
