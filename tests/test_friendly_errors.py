"""In a notebook, bad input to klaster shows one clear line, not a traceback."""
import nbformat

from _notebooks import errors_by_cell, run_notebook


def test_input_errors_show_a_message_and_other_errors_a_traceback(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import pandas as pd\nfrom klaster import measures"),
        nbformat.v4.new_code_cell("measures.location_quotient(pd.DataFrame({'food': [5, -1]}, index=['Aceh', 'Bali']))"),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    path = tmp_path / "errors.ipynb"
    nbformat.write(nb, path)
    errors = errors_by_cell(run_notebook(path, allow_errors=True))
    friendly = errors[1]
    assert friendly["ename"] == "KlasterValueError"
    shown = "\n".join(friendly["traceback"])
    assert "Problem with the input:" in shown and "negative" in shown and "'Bali'" in shown
    assert len(friendly["traceback"]) == 1 and "File " not in shown
    ordinary = "\n".join(errors[2]["traceback"])
    assert "ZeroDivisionError" in ordinary and len(errors[2]["traceback"]) > 1
