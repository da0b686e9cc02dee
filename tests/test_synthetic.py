"""Tests for klaster.synthetic: the SYNTHETIC panel and plants, and RAS."""
import shutil

import numpy as np
import pandas as pd
import pytest

from klaster import synthetic as syn
from klaster.paths import data_dir

DATA = data_dir()
PROVINCES = pd.read_csv(DATA / "provinces.csv", dtype={"bps_code": str})
DIVISION_CODES = [f"{d:02d}" for d in range(10, 34)]


@pytest.fixture(scope="module")
def panel():
    return syn.generate_panel()


@pytest.fixture(scope="module")
def plants(panel):
    return syn.generate_plants(panel)


def _wide(panel, year):
    one = panel[panel["year"] == year]
    return one.pivot(index="bps_code", columns="division", values="workers")


def _lq(wide):
    """LQ = (E_ri / E_r) / (E_i / E), computed here on purpose (not klaster.measures)."""
    total = wide.to_numpy().sum()
    return wide.div(wide.sum(axis=1), axis=0).div(wide.sum(axis=0) / total, axis=1)


# --- files on disk -----------------------------------------------------------
def test_write_data_reproduces_committed_files(tmp_path):
    written = syn.write_data(tmp_path)
    assert {p.name for p in written} == {syn.PANEL_FILE, syn.PLANTS_FILE}
    for name in (syn.PANEL_FILE, syn.PLANTS_FILE):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_check_passes_on_committed_data():
    assert syn.main(["--check"]) == 0


def test_check_fails_when_a_copy_is_altered(tmp_path, capsys):
    for name in (syn.PANEL_FILE, syn.PLANTS_FILE):
        shutil.copy(DATA / name, tmp_path / name)
    assert syn.main(["--check", "--out", str(tmp_path)]) == 0
    path = tmp_path / syn.PLANTS_FILE
    text = path.read_text()
    path.write_text(text.replace("P00001,2024", "P00001,2023", 1))
    capsys.readouterr()
    assert syn.main(["--check", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert syn.PLANTS_FILE in err and len(err.splitlines()) == 1


def test_check_fails_when_a_file_is_missing(tmp_path):
    shutil.copy(DATA / syn.PANEL_FILE, tmp_path / syn.PANEL_FILE)
    assert syn.main(["--check", "--out", str(tmp_path)]) == 1


def test_files_use_unix_line_endings():
    for name in (syn.PANEL_FILE, syn.PLANTS_FILE, "kbli_divisions.csv"):
        assert b"\r" not in (DATA / name).read_bytes()


def test_kbli_table_matches_generator():
    kbli = pd.read_csv(DATA / "kbli_divisions.csv", dtype=str)
    assert list(kbli.columns) == ["division", "short_name", "short_name_id", "name_en", "name_id"]
    assert kbli["division"].tolist() == DIVISION_CODES
    assert kbli.notna().all().all()
    assert kbli["short_name"].tolist() == [d[1] for d in syn.DIVISIONS]
    assert kbli["name_en"].tolist() == [d[2] for d in syn.DIVISIONS]
    assert kbli["name_id"].is_unique and kbli["short_name"].is_unique and kbli["short_name_id"].is_unique


# --- panel ---------------------------------------------------------------------
def test_panel_schema_and_dtypes(panel):
    assert list(panel.columns) == syn.PANEL_COLUMNS
    assert panel["year"].dtype == np.int64
    assert panel["workers"].dtype == np.int64
    for col in ("bps_code", "province", "division", "division_name"):
        assert pd.api.types.is_string_dtype(panel[col]), col
    assert len(panel) == 2 * 38 * 24 == 1824
    assert sorted(panel["year"].unique().tolist()) == [2019, 2024]
    assert set(panel["bps_code"]) == set(PROVINCES["bps_code"])
    assert set(panel["division"]) == set(DIVISION_CODES)
    assert not panel.duplicated(["year", "bps_code", "division"]).any()
    key = panel[["year", "bps_code", "division"]]
    assert key.equals(key.sort_values(["year", "bps_code", "division"]).reset_index(drop=True))
    assert panel.notna().all().all()
    assert (panel["workers"] >= 0).all()


def test_panel_names_match_reference_tables(panel):
    names = dict(zip(PROVINCES["bps_code"], PROVINCES["name"]))
    assert (panel["province"] == panel["bps_code"].map(names)).all()
    assert (panel["division_name"] == panel["division"].map(syn.SHORT_NAMES)).all()


def test_committed_panel_reads_back_identically(panel):
    disk = pd.read_csv(DATA / syn.PANEL_FILE,
                       dtype={"bps_code": str, "province": str, "division": str,
                              "division_name": str})
    pd.testing.assert_frame_equal(disk, panel, check_dtype=False)


def test_national_totals(panel):
    totals = panel.groupby("year")["workers"].sum()
    # Rounding is exact by construction: tolerance 0 workers.
    assert totals[2024] == syn.MANUFACTURING_2024 == 20_010_000
    assert totals[2019] == syn.MANUFACTURING_2019
    assert abs(totals[2019] - 18_900_000) < 100_000


def test_published_division_totals_2024(panel):
    div = panel[panel["year"] == 2024].groupby("division")["workers"].sum()
    published = {"10": 4.0, "14": 2.0, "16": 1.06, "13": 0.75, "15": 0.66,
                 "23": 0.64, "31": 0.61, "12": 0.45}
    for code, pct in published.items():
        assert abs(div[code] - pct / 100 * 144_640_000) <= 1, code
    assert (div > 0).all()


def test_margins_meet_targets_exactly(panel):
    for year in (2019, 2024):
        got = panel[panel["year"] == year].groupby("bps_code")["workers"].sum()
        want = syn.province_totals(year)
        assert (got.reindex(want.index) - want).abs().max() == 0
    got = panel[panel["year"] == 2024].groupby("division")["workers"].sum()
    want = syn.national_division_totals(2024)
    assert (got.reindex(want.index) - want).abs().max() == 0


def test_province_totals_follow_intensity_rule():
    tot = syn.province_totals(2024)
    assert tot.sum() == 20_010_000
    share = tot / tot.sum()
    pop_share = PROVINCES.set_index("bps_code")["population"] / PROVINCES["population"].sum()
    ratio = (share / pop_share.reindex(share.index))
    for high in ("32", "33", "36", "21"):
        assert ratio[high] > 1.2, high
    for low in ("53", "81", "91", "93", "94", "95"):
        assert ratio[low] < 0.6, low


def test_expected_geography_by_location_quotient(panel):
    lq = _lq(_wide(panel, 2024))
    top = {d: lq[d].idxmax() for d in lq.columns}
    assert top["12"] == "33"                     # tobacco: Central Java
    assert top["31"] == "33"                     # furniture: Central Java
    assert top["26"] == "21"                     # electronics: Riau Islands
    assert top["24"] in {"72", "82"}             # basic metals: C. Sulawesi / N. Maluku
    assert top["15"] == "36"                     # footwear: Banten
    assert top["29"] == "32"                     # motor vehicles: West Java
    assert top["13"] == "32"                     # textiles: West Java
    assert lq.loc["21", "26"] > 10


def test_geography_is_robust_to_the_seed():
    for seed in (1, 2, 3):
        lq = _lq(_wide(syn.generate_panel(seed), 2024))
        assert lq["12"].idxmax() == "33" and lq["26"].idxmax() == "21"
        assert lq["24"].idxmax() in {"72", "82"}


def test_built_in_surprises(panel):
    wide = _wide(panel, 2024)
    lq = _lq(wide)
    # High LQ, few jobs: Papua Barat Daya in refined petroleum.
    assert lq["19"].idxmax() == "96" and wide.loc["96", "19"] < 5_000
    # Specialisation is not size: Banten tops footwear LQ, West Java has more jobs.
    assert wide.loc["32", "15"] > wide.loc["36", "15"]
    # Pure noise: no assumption favours Sulawesi Barat in repair, yet its LQ > 2.
    assert "76" not in syn.GEOGRAPHY["33"][1] and lq.loc["76", "33"] > 2
    # Aceh tops food because it has little other manufacturing.
    assert lq["10"].idxmax() == "11"


def test_built_in_growth_assumptions(panel):
    w19, w24 = _wide(panel, 2019), _wide(panel, 2024)
    growth = w24 / w19
    assert growth.loc["72", "24"] > 3 and growth.loc["82", "24"] > 3
    assert growth.loc["33", "14"] > 1.2 and growth.loc["32", "14"] < 1
    assert growth.loc["36", "14"] < 1
    assert w24.sum(axis=1)["31"] < w19.sum(axis=1)["31"]  # Jakarta shrinks


def test_same_seed_same_panel_other_seed_differs(panel):
    pd.testing.assert_frame_equal(syn.generate_panel(), panel)
    assert not syn.generate_panel(seed=7)["workers"].equals(panel["workers"])


# --- RAS -------------------------------------------------------------------------
def test_ras_reproduces_both_margins():
    rng = np.random.default_rng(0)
    seed = pd.DataFrame(rng.uniform(0.5, 5, size=(5, 4)), index=list("abcde"), columns=list("wxyz"))
    rows = pd.Series([10.0, 20, 30, 25, 15], index=list("abcde"))
    cols = pd.Series([40.0, 30, 20, 10], index=list("wxyz"))
    out = syn.ras(seed, rows, cols)
    np.testing.assert_allclose(out.sum(axis=1), rows, rtol=0, atol=1e-6)
    np.testing.assert_allclose(out.sum(axis=0), cols, rtol=0, atol=1e-6)
    assert list(out.index) == list("abcde") and list(out.columns) == list("wxyz")
    # X = diag(r) A diag(s): every 2 x 2 cross-product ratio of the seed is kept.
    a, x = seed.to_numpy(), out.to_numpy()
    np.testing.assert_allclose(x[0, 0] * x[1, 1] / (x[0, 1] * x[1, 0]),
                               a[0, 0] * a[1, 1] / (a[0, 1] * a[1, 0]))


def test_ras_hand_example():
    # Seed [[1, 1], [1, 4]] has cross-product ratio 4; the only table with rows
    # (4, 5), columns (3, 6) and that ratio is [[2, 2], [1, 4]].
    out = syn.ras([[1, 1], [1, 4]], [4, 5], [3, 6])
    np.testing.assert_allclose(out.to_numpy(), [[2, 2], [1, 4]], atol=1e-8)


def test_ras_aligns_series_by_label():
    seed = pd.DataFrame([[1.0, 1.0], [1.0, 4.0]], index=["p", "q"], columns=["u", "v"])
    out = syn.ras(seed, pd.Series({"q": 5, "p": 4}), pd.Series({"v": 6, "u": 3}))
    np.testing.assert_allclose(out.to_numpy(), [[2, 2], [1, 4]], atol=1e-8)


def test_ras_rejects_mismatched_margins():
    with pytest.raises(ValueError, match="same grand total"):
        syn.ras([[1, 2], [3, 4]], [5, 5], [4, 7])


def test_ras_rejects_impossible_zero_pattern():
    with pytest.raises(ValueError):
        syn.ras([[0, 0], [1, 1]], [1, 1], [1, 1])


def test_ras_reports_non_convergence():
    # Both margins sum to 4, but row 1 has its only non-zero cell in column 1,
    # so that cell must be 2 while column 1 may hold only 1: no table fits and
    # the row and column steps keep undoing each other.
    with pytest.raises(ValueError, match="converge"):
        syn.ras([[1, 0], [1, 1]], [2, 2], [1, 3], max_iter=50)


def test_ras_does_not_mutate_input():
    seed = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]])
    rows, cols = pd.Series([5.0, 5.0]), pd.Series([4.0, 6.0])
    before = (seed.copy(), rows.copy(), cols.copy())
    arr = np.array([[1.0, 2.0], [3.0, 4.0]])
    syn.ras(seed, rows, cols)
    syn.ras(arr, [5, 5], [4, 6])
    pd.testing.assert_frame_equal(seed, before[0])
    pd.testing.assert_series_equal(rows, before[1])
    pd.testing.assert_series_equal(cols, before[2])
    np.testing.assert_array_equal(arr, [[1.0, 2.0], [3.0, 4.0]])


# --- plants ------------------------------------------------------------------------
def test_plants_schema(plants):
    assert list(plants.columns) == syn.PLANT_COLUMNS
    assert plants["plant_id"].is_unique
    assert plants["plant_id"].tolist() == [f"P{i:05d}" for i in range(1, len(plants) + 1)]
    assert (plants["year"] == 2024).all() and plants["year"].dtype == np.int64
    assert plants["workers"].dtype == np.int64
    assert plants.notna().all().all()
    order = plants.sort_values(["bps_code", "division", "workers"],
                               ascending=[True, True, False], kind="stable")
    assert order.index.equals(plants.index)


def test_every_plant_has_at_least_20_workers(plants):
    assert plants["workers"].min() >= 20


def test_plants_fit_inside_panel_cells(panel, plants):
    cells = _wide(panel, 2024).stack()
    used = plants.groupby(["bps_code", "division"])["workers"].sum()
    room = cells.reindex(used.index)
    assert room.notna().all()
    assert (used <= room).all()
    assert (used <= np.floor(room * syn.PLANT_CELL_CAP)).all()


def test_plant_counts_match_published_2021_counts(plants):
    counts = plants.groupby("division").size()
    published = {"10": 7498, "22": 2600, "14": 2005, "13": 1988, "20": 1840,
                 "23": 1731, "25": 1592, "31": 1375, "16": 1255, "32": 897}
    for code, n in published.items():
        assert abs(counts[code] - n) <= 0.03 * n, code
    assert abs(len(plants) - 30_788) <= 0.03 * 30_788
    assert set(counts.index) == set(DIVISION_CODES)


def test_plant_job_shares_near_assumptions(panel, plants):
    jobs = panel[panel["year"] == 2024].groupby("division")["workers"].sum()
    share = plants.groupby("division")["workers"].sum() / jobs
    for code, want in syn.PLANT_JOB_SHARE.items():
        assert 0.8 * want <= share[code] <= want + 1e-9, code


def test_plant_sizes_are_skewed(plants):
    big = plants.groupby("division")["workers"].max()
    for code in ("12", "15", "24", "26", "29"):
        assert big[code] >= 5_000, code
        assert big[code] <= syn.PLANT_MAX_WORKERS[code]
    assert plants["workers"].median() < 100


def test_committed_plants_read_back_identically(plants):
    disk = pd.read_csv(DATA / syn.PLANTS_FILE,
                       dtype={"plant_id": str, "bps_code": str, "division": str})
    pd.testing.assert_frame_equal(disk, plants, check_dtype=False)


def test_generation_is_fast():
    import time
    start = time.perf_counter()
    syn.generate_plants(syn.generate_panel())
    assert time.perf_counter() - start < 2.0
