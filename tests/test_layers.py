"""The one-way layers of the README's "Layout" are checked, and the check is live."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own tool on our own tree
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, check=False
    )


def test_the_portal_keeps_its_layers():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement"),
    [
        ("core/upward.py", "import cities.models\n"),
        ("toolkit/upward.py", "from exchanges import models\n"),
        ("cities/upward.py", "import network.views\n"),
        ("ops/upward.py", "import bench.scale\n"),
    ],
)
def test_an_upward_import_breaks_the_check(tmp_path, module, statement):
    tree = tmp_path / "portal"
    shutil.copytree(
        ROOT,
        tree,
        ignore=shutil.ignore_patterns(".venv", ".git", "node_modules", "media", "*.sqlite3"),
    )
    (tree / module).write_text(statement)

    result = lint_imports(tree)

    assert result.returncode != 0
    assert module.removesuffix(".py").replace("/", ".") in result.stdout
