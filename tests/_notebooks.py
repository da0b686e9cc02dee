"""Helpers to run notebooks in a fresh kernel, offline, from their own folder."""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = ("id",)  # editions built by `python -m klaster.i18n build`, in notebooks/<code>/ and beside it


def _editions(folder: str) -> list[Path]:
    """The English notebooks of a folder, then those of each translated edition."""
    found = sorted((ROOT / folder).glob("*.ipynb"))
    for code in TRANSLATED:
        found += sorted((ROOT / folder / code).glob("*.ipynb"))
    return found


LESSONS = _editions("notebooks")
SOLUTIONS = _editions("solutions")
EXERCISES = _editions("exercises")
WORKSHOP = _editions("workshop")
ALL_NOTEBOOKS = LESSONS + SOLUTIONS + EXERCISES + WORKSHOP


def language_of(path: Path) -> str:
    """"en", or the code of the translated edition a notebook belongs to."""
    return path.parent.name if path.parent.name in TRANSLATED else "en"

# Runs before the notebook's first cell: any connection to a host other than
# this machine fails, so a notebook that needs the network fails its test.
NO_NETWORK = '''
import socket as _socket
_connect = _socket.socket.connect
def _offline_connect(self, address, *args, **kwargs):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in ("127.0.0.1", "localhost", "::1"):
        raise OSError(f"network access to {host!r} is blocked: the course must work offline")
    return _connect(self, address, *args, **kwargs)
_socket.socket.connect = _offline_connect
del _offline_connect
'''.strip()


def run_notebook(path: Path, allow_errors: bool = False, timeout: int = 300, cwd: Path | None = None,
                 kernel_name: str = "python3", guard: str = ""):
    """Execute a copy of the notebook at ``path`` and return it (with outputs).

    The working directory is the notebook's own folder (or ``cwd``); a first
    hidden cell blocks the network (and runs ``guard``, extra checks of the
    kernel). The returned notebook has the guard cell removed, so its cells
    line up with the file's.
    """
    nb = nbformat.read(path, as_version=4)
    for attempt in (1, 2):
        executed = copy.deepcopy(nb)
        executed.cells.insert(0, nbformat.v4.new_code_cell(NO_NETWORK + "\n" + guard))
        client = NotebookClient(executed, timeout=timeout, kernel_name=kernel_name, allow_errors=allow_errors,
                                resources={"metadata": {"path": str(cwd or path.parent)}})
        try:
            client.execute()
            break
        except (CellExecutionError, CellTimeoutError):
            raise  # the notebook's own failure: never retried
        except Exception:  # the kernel failed to start or to connect (seen once under heavy load)
            if attempt == 2:
                raise
    guard = executed.cells.pop(0)
    assert not any(o.get("output_type") == "error" for o in guard.outputs), "network guard failed"
    return executed


def errors_by_cell(nb) -> dict[int, dict]:
    """Index of every code cell that produced an error -> that error output."""
    found = {}
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found[index] = output
    return found


def text_output(cell) -> str:
    """All text a cell printed or displayed."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)
