"""The seed documents (../shared/seeds, beside the repository) and the quoting helpers that
keep every fixture text verbatim."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "fixtures" / "strategies"
S = {
    n: (SEEDS / f).read_text()
    for n, f in [
        (0, "000_d010f5280f2b9512.txt"),
        (1, "001_b44bf251518190ba.txt"),
        (2, "002_d7a84ebac99afe68.txt"),
        (3, "003_31c93144f9052ca5.txt"),
        (4, "004_bcb8fdbfaa0a11ef.txt"),
    ]
}


def q(seed, text):
    assert text in S[seed], (seed, text)
    return text


def lines(seed, *parts):
    return "\n".join(q(seed, p) for p in parts)
