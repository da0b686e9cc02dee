"""One canonical text for an answer made of labels, so checks can compare it.

Used by the exercises whose answer is a set of labels or a dict of
classifications (lessons 01, 02 and 09): ``check("01.2", labels_answer(my_list))``.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


def tidy_label(text) -> str:
    """Lower case, underscores as spaces, single spaces: 'Porter_1998 ' -> 'porter 1998'."""
    return " ".join(str(text).replace("_", " ").split()).casefold()


def labels_answer(answer):
    """Turn a set of labels or a dict of classifications into one canonical text, for checking.

    A list, tuple or set becomes its items, tidied (lower case, single
    spaces) and sorted, joined by ', '. A dict (or Series) becomes
    'key: value' pairs sorted by key, joined by '; '. Anything else is
    returned unchanged, so an unanswered exercise stays unanswered.
    """
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if isinstance(answer, Mapping):
        pairs = sorted((tidy_label(k), tidy_label(v)) for k, v in answer.items())
        return "; ".join(f"{k}: {v}" for k, v in pairs)
    if isinstance(answer, (list, tuple, set, frozenset, pd.Index, np.ndarray)):
        return ", ".join(sorted(tidy_label(item) for item in answer))
    return answer
