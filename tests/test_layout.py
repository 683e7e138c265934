"""The house's layout holds: dependencies run one way (foundations ← strategies ← facilities
← reporting ← dashboards; the project's own modules and the demo on top), facilities knows
nothing of reporting, and no module grows past the size a reader takes in at once."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("strategies", "facilities", "reporting")
# What each area may not import. The project's own modules (sxsh_portal/urls.py, home.py,
# navigation.py …) compose the apps, and sxsh_portal/demo loads data into all of them.
FORBIDDEN = {
    "foundations": ("strategies", "facilities", "reporting"),
    "strategies": ("facilities", "reporting"),
    "facilities": ("reporting",),
    "reporting": ("reporting.dashboards",),
}
MAX_LINES = 500


def _python_files(*tops: str):
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _module_of(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function, relative ones resolved."""
    module = _module_of(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
            else:
                found.add(node.module)
    return found


def _area(path: Path) -> str | None:
    parts = path.relative_to(ROOT).parts
    if parts[0] == "sxsh_portal":
        if len(parts) > 2 and parts[1] != "demo":
            return "foundations"
        return None
    if parts[0] == "reporting" and len(parts) > 2 and parts[1] == "dashboards":
        return None
    return parts[0] if parts[0] in APPS else None


def _violations(area_files, forbidden, root: Path = ROOT) -> list[str]:
    problems = []
    for path in area_files:
        for imported in sorted(_imports(path, root)):
            if any(imported == name or imported.startswith(name + ".") for name in forbidden):
                problems.append(f"{path.relative_to(root)} imports {imported}")
    return problems


@pytest.mark.parametrize("area", FORBIDDEN)
def test_no_area_imports_one_above_it(area):
    files = [path for path in _python_files("sxsh_portal", *APPS) if _area(path) == area]
    assert files, f"no files found for {area}"
    assert _violations(files, FORBIDDEN[area]) == []


def test_facilities_templates_and_tests_name_nothing_of_reporting():
    templates = sorted((ROOT / "templates" / "facilities").rglob("*.html"))
    assert templates
    named = [
        str(path.relative_to(ROOT))
        for path in templates
        if re.search(r"""['"]reporting[:/]""", path.read_text())
    ]
    assert named == []
    tests = list(_python_files("tests/facilities"))
    assert tests
    assert _violations(tests, ("reporting", "tests.reporting")) == []


def test_no_module_is_longer_than_a_reader_takes_in():
    files = _python_files("sxsh_portal", *APPS, "tests", "bench", "scripts")
    long = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_checks_see_an_upward_import_when_there_is_one(tmp_path):
    upward = tmp_path / "facilities" / "bad.py"
    upward.parent.mkdir()
    good = upward.parent / "good.py"
    good.write_text("from .models import Facility\nfrom sxsh_portal import audit\n")
    assert _violations([good], FORBIDDEN["facilities"], tmp_path) == []
    upward.write_text("def f():\n    from ..reporting.models import UnitReport\n")
    assert _violations([good, upward], FORBIDDEN["facilities"], tmp_path) == [
        "facilities/bad.py imports reporting.models"
    ]
