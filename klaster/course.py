"""The course's map: its lessons in order, with the time each takes."""
from __future__ import annotations

import pandas as pd

from .i18n import N_, _, translated
from .paths import course_dir

LESSONS = [
    # file stem, title (English; shown with _()), minutes
    ("00_start_here", N_("Start here: using the course"), 30),
    ("01_what_is_a_cluster", N_("What a cluster is"), 60),
    ("02_cluster_anatomy", N_("How a cluster is built"), 60),
    ("03_location_quotients", N_("Measuring clusters: location quotients and stars"), 90),
    ("04_shift_share", N_("Growth: shift-share and the cluster portfolio"), 75),
    ("05_cluster_strategy", N_("The five-step cluster strategy"), 90),
    ("06_agglomeration_economies", N_("Agglomeration economies"), 75),
    ("07_measuring_agglomeration", N_("Measuring agglomeration"), 75),
    ("08_core_periphery", N_("Models: the core-periphery model"), 75),
    ("09_indonesian_clusters", N_("Indonesian cluster case studies"), 60),
    ("10_capstone", N_("Capstone: a cluster profile of your region"), 180),
]


def course_map() -> pd.DataFrame:
    """One row per lesson: lesson, notebook, title, judul, minutes, available.

    ``title`` is in the course's current language (``klaster.set_language``),
    ``judul`` always in Bahasa Indonesia; the column names and the other
    columns are the same in both languages, so code that reads them keeps working.
    ``available`` says whether the lesson is in this copy of the course yet;
    without a course folder (Google Colab, a wheel installed elsewhere) the
    lessons are read from the published course, so each one counts as there.
    """
    table = pd.DataFrame(LESSONS, columns=["notebook", "title", "minutes"])
    table.insert(2, "judul", [translated(title, "id") for title in table["title"]])
    table["title"] = [_(title) for title in table["title"]]
    folder = course_dir()
    table["available"] = [folder is None or (folder / "notebooks" / f"{stem}.ipynb").exists()
                          for stem in table["notebook"]]
    table.insert(0, "lesson", table["notebook"].str[:2])
    return table
