"""Every notebook runs top to bottom on the sample corpus (so none can rot)."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import PROJECT, RAW

NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow  # the whole module runs the command end to end


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project's layout, so that notebooks write outside the checkout."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(RAW, root / "data" / "raw")
    (root / "notebooks").mkdir()
    return root


def test_notebooks_are_numbered():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01-", "02-", "03-", "04-", "05-"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    ids = [cell.get("id") for cell in raw["cells"]]
    assert None not in ids and len(set(ids)) == len(ids), "every cell needs its own id"
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
            assert "def " not in cell.source, "helpers belong in the package"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, project, monkeypatch):
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel must use the inline backend
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(project / "notebooks")}})
    client.execute()
    images = [output for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.outputs if "image/png" in output.get("data", {})]
    errors = [output for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.outputs if output.output_type == "error"]
    assert not errors
    assert len(images) >= 2
    assert (project / "data" / "processed" / "manifest.json").exists()
