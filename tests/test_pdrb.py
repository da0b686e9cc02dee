"""Real PDRB by kabupaten/kota: the loader API, the 38-province rebuild, the data-quality rules and the
matrices for klaster.measures."""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from klaster import bps, data, measures, pdrb
from klaster.errors import KlasterTypeError, KlasterValueError

from conftest import ROOT

# Indonesia's GDP at constant 2010 prices, billion rupiah (BPS), as quoted in
# /work/shared/real-data/PROVENANCE.md on receipt of the files.
PUBLISHED_GDP = {2010: 6_864_133.1, 2015: 8_982_517.1, 2019: 10_949_155.4, 2022: 11_710_397.8}


def test_national_row_is_published_gdp():
    nation = data.load_pdrb("nation", include_total=True)
    gdp = nation[nation["sector_code"] == "total"].set_index("year")["value"]
    for year, value in PUBLISHED_GDP.items():
        assert gdp[year] == pytest.approx(value, abs=0.05)
    sectors = nation[nation["sector_code"] != "total"].groupby("year")["value"].sum()
    taxes = gdp - sectors  # taxes less subsidies on products: in the total, not in any sector
    assert ((taxes / gdp > 0.015) & (taxes / gdp < 0.06)).all()


def test_long_table_columns_and_codes():
    kab = data.load_pdrb("kabkota")
    assert list(kab.columns) == ["year", "bps_code", "region", "province_code", "province", "sector_code", "sector",
                                 "sector_en", "value", "suspect", "suspect_reason"]
    assert kab["bps_code"].nunique() == 514 and kab["year"].nunique() == 13
    assert list(kab["sector_code"].unique()) == list(bps.SECTOR_CODES)
    assert kab["bps_code"].str.fullmatch(r"\d{4}").all()
    row = kab[(kab["region"] == "Kota Makassar") & (kab["year"] == 2019) & (kab["sector_code"] == "C")].iloc[0]
    assert row["province"] == "Sulawesi Selatan" and row["province_code"] == "73"
    assert row["sector"] == "Industri Pengolahan" and row["sector_en"] == "Manufacturing"
    assert str(kab["value"].dtype) == "float64" and kab["suspect"].dtype == bool
    province = data.load_pdrb("province")
    assert "basis" in province and province["bps_code"].nunique() == 38
    assert kab.loc[kab["year"] >= 2021].query("sector_code == 'E'")["value"].isna().all()


def test_kabupaten_codes_map_to_the_38_provinces_of_provinces_csv():
    regions = data.pdrb_regions("kabkota")
    provinces = data.load_provinces()
    assert set(regions["province_code"]) == set(provinces["bps_code"])
    assert (regions["province"] == regions["province_code"].map(provinces.set_index("bps_code")["name"])).all()
    by_province = regions.groupby("province_code").size()
    # the 2022 laws: Papua Selatan 4, Papua Tengah 8, Papua Pegunungan 8, Papua Barat Daya 6 kabupaten/kota
    assert by_province[["91", "92", "93", "94", "95", "96"]].tolist() == [9, 7, 4, 8, 8, 6]
    assert regions.set_index("region").loc["Mimika", "province_code"] == "94"
    assert regions.set_index("region").loc["Kota Sorong", "province_code"] == "96"
    assert regions.set_index("region").loc["Merauke", "province"] == "Papua Selatan"


def test_rebuilt_papua_provinces_are_exact_sums_and_add_up_to_the_old_two():
    province = data.load_pdrb("province")
    kab = data.load_pdrb("kabkota")
    rebuilt = province[province["bps_code"].str.startswith("9")]
    assert set(rebuilt["basis"]) == {"sum of kabupaten/kota"}
    sums = kab.groupby(["province_code", "year", "sector_code"])["value"].sum(min_count=1)
    got = rebuilt.set_index(["bps_code", "year", "sector_code"])["value"]
    assert np.allclose(got.to_numpy(), sums.reindex(got.index).to_numpy(), equal_nan=True, atol=0.006)
    published = pd.read_csv(ROOT / "data" / "pdrb_adhk2010.csv", dtype={"code": str})
    old = published[published["code"].isin(["9100", "9400"])].groupby("year")["total"].sum()
    new = province[province["bps_code"].str.startswith("9")].groupby("year")["value"].sum()
    assert ((new.reindex(old.index) / old - 1).abs() < 0.02).all()  # kabupaten sums within 2% of the old rows


def test_kalimantan_utara_before_2013_and_kalimantan_timur_never_counted_twice():
    province = data.load_pdrb("province", include_total=True)
    wide = province[province["sector_code"] == "total"].set_index(["bps_code", "year"])
    published = pd.read_csv(ROOT / "data" / "pdrb_adhk2010.csv", dtype={"code": str}).set_index(["code", "year"])
    for year in (2010, 2011, 2012):
        assert published.loc[("6500", year), "total"] == 0  # no Kalimantan Utara row yet
        assert wide.loc[("65", year), "basis"] == "sum of kabupaten/kota"
        together = wide.loc[("64", year), "value"] + wide.loc[("65", year), "value"]
        assert together == pytest.approx(published.loc[("6400", year), "total"], abs=0.02)
    assert wide.loc[("65", 2013), "basis"] == "published"
    assert set(province.loc[~province["bps_code"].isin(["64", "65", "91", "92", "93", "94", "95", "96"]),
                            "basis"]) == {"published"}


def test_names_are_found_forgivingly_and_misspellings_get_suggestions():
    assert data.find_region("kabupaten morowali") == "7203"
    assert data.find_region("Kutai Kartanegara") == "6403"  # published as "Kutal Kartanegara"
    assert data.find_region("Kutal Kartanegara") == "6403"
    assert data.find_region("Kota Tangerang Selatan") == "3674"  # published as "Kota Tangsel"
    assert data.find_region("Provinsi Sulawesi Selatan") == "73"
    with pytest.raises(KlasterValueError, match="did you mean 'Morowali'"):
        data.find_region("Morowaly")
    with pytest.raises(KlasterValueError, match="no region 'Atlantis'"):
        data.find_region("Atlantis")
    with pytest.raises(KlasterTypeError):
        data.find_region(7203.0)


# -- the data-quality check ---------------------------------------------------------------------------

def flagged(table, code, year, sector, rule):
    return ((table["bps_code"] == code) & (table["year"] == year) & (table["sector_code"] == sector)
            & (table["rule"] == rule)).any()


def test_suspect_cells_find_the_wrong_cells_a_careful_analyst_finds():
    cells = data.pdrb_suspect_cells()
    assert list(cells.columns) == ["level", "bps_code", "region", "year", "sector_code", "value", "rule", "reason"]
    assert set(cells["rule"]) <= set(pdrb.SUSPECT_RULES)
    assert flagged(cells, "3507", 2014, "C", "spike")        # Malang manufacturing 1,554,841 (decimals shifted)
    assert flagged(cells, "3522", 2014, "B", "spike")        # Bojonegoro mining 1,829,640
    assert flagged(cells, "6403", 2018, "total", "spike")    # Kutai Kartanegara's total lost a digit
    assert flagged(cells, "1275", 2011, "E", "zero_between")  # Kota Medan water 0 between 164 and 177
    assert flagged(cells, "7601", 2010, "A", "spike")        # Majene agriculture, first year
    assert flagged(cells, "9112", 2012, "R-U", "value_without_total")  # Pegunungan Arfak before it existed
    assert flagged(cells, "3216", 2014, "total", "total_vs_parts")
    assert flagged(cells, "21", 2019, "B", "kabkota_sum")    # Kepulauan Riau mining: kabupaten sum 10% short
    # the 2012 transport column of Sulawesi's four big provinces is scrambled
    sulawesi_h = cells[(cells["year"] == 2012) & (cells["sector_code"] == "H") & (cells["level"] == "kabkota")]
    for province in ("71", "72", "73", "74"):
        members = data.pdrb_regions("kabkota").query("province_code == @province")["bps_code"]
        assert set(members) <= set(sulawesi_h["bps_code"]), province
    assert not (cells["level"] == "nation").any()
    kota_pekalongan = cells[(cells["bps_code"] == "3375") & (cells["year"] == 2014)]
    # every sector but agriculture (298.99, as in 2013 and 2015) and mining (0) was scaled up 15-60 times
    assert set(kota_pekalongan["sector_code"]) == (set(bps.SECTOR_CODES) - {"A", "B"}) | {"total"}
    # the reasons carry the numbers
    reason = cells[(cells["bps_code"] == "3507") & (cells["sector_code"] == "C")]["reason"].iloc[0]
    assert "1,554,841.00" in reason and "14,168.99" in reason


def test_clean_cells_are_not_flagged():
    cells = data.pdrb_suspect_cells()
    assert len(cells) < 250
    assert not ((cells["bps_code"] == "7203") & (cells["year"] > 2013)).any()  # Morowali's nickel boom is real
    assert not ((cells["year"] == 2020) & (cells["level"] == "kabkota")).any()  # nor is COVID-19
    assert not cells["bps_code"].isin(["31", "32", "33", "35"]).any()  # the big Java province rows


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the course data in which a test may plant errors."""
    for name in ("provinces.csv", "province_islands.csv", "pdrb_adhk2010.csv", "io_tables_2016.csv"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    monkeypatch.setenv("KLASTER_DATA_DIR", str(tmp_path))
    return tmp_path


def plant(folder, code, year, column, value):
    path = folder / "pdrb_adhk2010.csv"
    table = pd.read_csv(path, dtype={"code": str}, keep_default_na=False, na_values=[""])
    table.loc[(table["code"] == code) & (table["year"] == year), column] = value
    table.to_csv(path, index=False, lineterminator="\n")


def test_the_rules_find_errors_they_were_not_told_about(data_copy):
    plant(data_copy, "3273", 2017, "J", 123456.0)   # Kota Bandung ICT ten times too large
    plant(data_copy, "5103", 2016, "I", 0.0)        # Badung accommodation 0 in one year
    plant(data_copy, "1101", 2019, "total", 5000.0)  # Simeulue total that its sectors do not give
    cells = data.pdrb_suspect_cells()
    assert flagged(cells, "3273", 2017, "J", "spike")
    assert flagged(cells, "5103", 2016, "I", "zero_between")
    assert flagged(cells, "1101", 2019, "total", "total_vs_parts")
    with pytest.raises(KlasterValueError, match="Kota Bandung, 2017"):
        data.pdrb_matrix(2017, level="kabkota", province="Jawa Barat")


def test_load_pdrb_marks_or_drops_suspect_cells():
    kab = data.load_pdrb("kabkota")
    malang = kab[(kab["region"] == "Malang") & (kab["year"] == 2014)]
    assert malang.set_index("sector_code").loc["C", "suspect"]
    assert "decimals shifted" in malang.set_index("sector_code").loc["C", "suspect_reason"]
    assert malang["suspect"].all()  # its total disagrees with its parts: the whole row is suspect
    assert (kab.loc[~kab["suspect"], "suspect_reason"] == "").all()
    dropped = data.load_pdrb("kabkota", suspect="drop")
    assert len(dropped) == int((~kab["suspect"]).sum()) and not dropped["suspect"].any()
    with pytest.raises(KlasterValueError, match="suspect must be"):
        data.load_pdrb("kabkota", suspect="ignore")


# -- matrices -------------------------------------------------------------------------------------------

def test_matrix_is_ready_for_the_measures():
    matrix = data.pdrb_matrix(2018)
    assert matrix.shape == (38, 17) and list(matrix.columns) == list(bps.SECTOR_CODES)
    assert matrix.index.name == "region" and "Papua Pegunungan" in matrix.index
    lq = measures.location_quotient(matrix)
    assert lq.loc["Kepulauan Riau", "C"] > 1.3 and lq.loc["Kalimantan Timur", "B"] > 4
    by_code = data.pdrb_matrix(2018, labels="code")
    assert by_code.loc["73"].sum() == pytest.approx(matrix.loc["Sulawesi Selatan"].sum())
    assert data.pdrb_matrix(2022).shape == (38, 16)  # no water supply (E) in the 2022 file


def test_matrix_refuses_suspect_cells_unless_told():
    with pytest.raises(KlasterValueError, match=r"suspect cell.*Kepulauan Riau, 2019, sector B.*suspect='drop'"):
        data.pdrb_matrix(2019)
    dropped = data.pdrb_matrix(2019, suspect="drop")
    assert "Kepulauan Riau" not in dropped.index and dropped.attrs["dropped_suspect"] == ["Kepulauan Riau"]
    kept = data.pdrb_matrix(2019, suspect="keep")
    assert kept.shape == (38, 17)
    kab = data.pdrb_matrix(2014, level="kabkota", suspect="drop")
    assert "Malang" not in kab.index and "Kota Pekalongan" not in kab.index and "Kota Malang" in kab.index
    with pytest.raises(KlasterValueError, match="Malang"):
        data.pdrb_matrix(2014, level="kabkota", province="Jawa Timur")


def test_kabupaten_that_did_not_exist_yet_are_left_out():
    m2010 = data.pdrb_matrix(2010, level="kabkota", province="Sulawesi Tenggara", suspect="keep")
    assert "Kolaka Timur" not in m2010.index and "Kolaka Timur" in m2010.attrs["not_yet_created"]
    both = data.pdrb_matrices([2013, 2019], level="kabkota", province="Sulawesi Tenggara")
    assert both[2013].index.equals(both[2019].index) and "Buton Tengah" not in both[2019].index
    assert "Kolaka Timur" in both[2019].index  # created in 2013


def test_province_kabupaten_and_published_references():
    sulsel = data.pdrb_matrix(2019, level="kabkota", province="Sulawesi Selatan")
    assert len(sulsel) == 24
    published = data.pdrb_matrix(2019, level="kabkota", province="73", reference="published")
    reference = published.attrs["klaster_reference"]
    assert reference.equals(data.pdrb_reference(2019, "Sulawesi Selatan"))
    assert abs(sulsel.to_numpy().sum() / reference.sum() - 1) < 0.025  # kabupaten within 2.5% of the province
    lq_sum = measures.location_quotient(sulsel)
    lq_pub = measures.location_quotient(published)
    assert not np.allclose(lq_sum.to_numpy(), lq_pub.to_numpy())
    by_hand = (sulsel / sulsel.sum(axis=1).to_numpy()[:, None]) / (reference / reference.sum())
    assert np.allclose(lq_pub.to_numpy(), by_hand.to_numpy())
    with pytest.raises(KlasterValueError, match="no published row for Papua Tengah"):
        data.pdrb_matrix(2019, level="kabkota", province="Papua Tengah", reference="published")
    with pytest.raises(KlasterValueError, match="compares regions with the sum of the table's rows only"):
        measures.krugman_index(published)  # a measure that cannot use the reference refuses the table


def test_the_nation_is_not_the_sum_of_the_provinces():
    provinces = data.pdrb_matrix(2019, suspect="keep")
    nation = data.pdrb_reference(2019)
    ratio = provinces.sum() / nation
    assert ratio["C"] > 1.1 and ratio["D"] < 0.35  # provinces: more manufacturing, a quarter of electricity
    lq = measures.location_quotient(data.pdrb_matrix(2019, suspect="keep", reference="published"))
    assert (lq["D"] < 1).mean() > 0.9  # against the published row almost no province is "basis" in D


@pytest.mark.parametrize("call, message", [
    (lambda: data.pdrb_matrix(2023), "cover 2010–2022; there is no year 2023"),
    (lambda: data.pdrb_matrix("2019"), "whole number"),
    (lambda: data.pdrb_matrix(2019, level="kabupaten"), "level must be"),
    (lambda: data.pdrb_matrix(2019, level="nation"), "needs regions"),
    (lambda: data.pdrb_matrix(2019, province="73"), "use it with level='kabkota'"),
    (lambda: data.pdrb_matrix(2019, level="kabkota", province="Sulawesi Selatn"), "did you mean 'Sulawesi Selatan'"),
    (lambda: data.pdrb_matrix(2019, reference="nation"), "reference must be"),
    (lambda: data.pdrb_matrix(2019, suspect="ignore"), "suspect must be"),
    (lambda: data.pdrb_matrix(2021, sectors=["C", "E"]), "sector E is missing"),
    (lambda: data.pdrb_matrix(2019, sectors=["Z"]), "no sector 'Z'"),
    (lambda: data.pdrb_matrices(2019), "list of years"),
    (lambda: data.pdrb_matrices([2019, 2019]), "at least two different years"),
    (lambda: data.pdrb_reference(2019, "Atlantis"), "no region 'Atlantis'"),
])
def test_bad_requests_get_one_sentence(call, message):
    with pytest.raises((KlasterValueError, KlasterTypeError), match=message) as error:
        call()
    assert "Traceback" not in str(error.value)


def test_missing_data_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("KLASTER_DATA_DIR", str(tmp_path))
    with pytest.raises(KlasterValueError, match="pdrb_adhk2010.csv is missing; rebuild it"):
        data.load_pdrb()


def test_islands_cover_the_38_provinces():
    islands = data.load_islands()
    assert len(islands) == 38 and islands["island"].nunique() == 7
    assert islands.groupby("island").size()["Papua"] == 6
