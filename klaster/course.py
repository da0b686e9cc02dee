"""The course's map: its lessons in order, with the time each takes."""
from __future__ import annotations

import pandas as pd

from .paths import course_dir

LESSONS = [
    # file stem, title, Indonesian title, minutes
    ("00_start_here", "Start here: using the course", "Mulai di sini", 30),
    ("01_what_is_a_cluster", "What a cluster is", "Apa itu klaster industri", 60),
    ("02_cluster_anatomy", "How a cluster is built", "Anatomi klaster", 60),
    ("03_location_quotients", "Measuring clusters: location quotients and stars", "Kuosien lokasi", 90),
    ("04_shift_share", "Growth: shift-share and the cluster portfolio", "Analisis shift-share", 75),
    ("05_cluster_strategy", "The five-step cluster strategy", "Strategi klaster lima langkah", 90),
    ("06_agglomeration_economies", "Agglomeration economies", "Ekonomi aglomerasi", 75),
    ("07_measuring_agglomeration", "Measuring agglomeration", "Mengukur aglomerasi", 75),
    ("08_core_periphery", "Models: the core-periphery model", "Model inti-pinggiran", 75),
    ("09_indonesian_clusters", "Indonesian cluster case studies", "Studi kasus klaster Indonesia", 60),
    ("10_capstone", "Capstone: a cluster profile of your region", "Proyek akhir", 180),
]


def course_map() -> pd.DataFrame:
    """One row per lesson: order, title, Indonesian title, minutes, and whether it is in this copy yet.

    Without a course folder (Google Colab, a wheel installed elsewhere) the
    lessons are read from the published course, so each one counts as there.
    """
    table = pd.DataFrame(LESSONS, columns=["notebook", "title", "judul", "minutes"])
    folder = course_dir()
    table["available"] = [folder is None or (folder / "notebooks" / f"{stem}.ipynb").exists()
                          for stem in table["notebook"]]
    table.insert(0, "lesson", table["notebook"].str[:2])
    return table
