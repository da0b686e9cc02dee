"""BPS provincial input–output tables, 2016 (17 sectors, domestic transactions
at producer prices, million rupiah): Kepulauan Riau, Papua Barat and Sulawesi
Selatan. ``load_io_table`` is re-exported by ``klaster.data``."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import bps
from .errors import KlasterTypeError, KlasterValueError
from .i18n import _, _f, language

__all__ = ["IOTable", "load_io_table", "IO_PROVINCES", "FINAL_DEMAND"]

IO_PROVINCES = {"21": "Kepulauan Riau", "92": "Papua Barat", "73": "Sulawesi Selatan"}
# Final-demand columns of the published tables: BPS code -> the name used here.
FINAL_DEMAND = {"3011": "household_consumption", "3012": "npish_consumption", "3020": "government_consumption",
                "3030": "gross_fixed_capital_formation", "3041": "change_in_inventories",
                "3071": "exports_abroad", "3072": "exports_other_provinces"}
INPUT_ROWS = {"2000": "imports_abroad", "2001": "imports_other_provinces", "2090": "value_added",
              "2100": "total_input"}
_IO_TO_SECTOR = {s[4]: s[0] for s in bps.SECTORS}


@dataclass(frozen=True)
class IOTable:
    """One provincial input–output table (million rupiah, 2016, producer prices, domestic transactions).

    - ``flows``: 17 × 17 inter-industry table; row i, column j is what
      sector j bought from sector i (produced in the province);
    - ``final_demand``: 17 × 7, the final demand for each sector's domestic
      output (household, NPISH and government consumption, gross fixed
      capital formation, change in inventories, exports abroad and to other
      provinces);
    - ``total_final_demand`` and ``total_output``: the published totals by
      sector (BPS codes 3090 and 3100);
    - ``inputs``: 4 × 17, imports from abroad and from other provinces,
      value added and total input by sector (rows 2000, 2001, 2090, 2100);
    - ``notes``: what the checks on loading found (published totals that do
      not add up).

    Sectors are labelled with the PDRB codes (A, B, ..., M-N, ..., R-U).
    """

    province: str
    bps_code: str
    year: int
    unit: str
    flows: pd.DataFrame
    final_demand: pd.DataFrame
    total_final_demand: pd.Series
    total_output: pd.Series
    inputs: pd.DataFrame
    notes: tuple = field(default=())


_cache: dict = {}


def _long() -> pd.DataFrame:
    from .pdrb import _read_csv
    frame = _read_csv(bps.IO_FILE, dtype={"province": str, "row_code": str, "column_code": str})
    expected = ["province", "row_code", "row_label", "column_code", "column_label", "value"]
    if list(frame.columns) != expected:
        raise KlasterValueError(_("The columns of {name} are not the ones the course writes; rebuild it with "
                                  "`python -m klaster.bps`.").format(name=bps.IO_FILE))
    return frame


def _province_code(province) -> str:
    if not isinstance(province, str):
        raise KlasterTypeError(_("Name the province by its name or two-digit BPS code, as text."))
    key = " ".join(province.lower().replace("provinsi", "").split())
    for code, name in IO_PROVINCES.items():
        if key in (code, name.lower()):
            return code
    raise KlasterValueError(_("There is no 2016 input–output table for {province!r} in the course; there are "
                              "tables for {names}.").format(province=province, names=", ".join(IO_PROVINCES.values())))


def load_io_table(province) -> IOTable:
    """The 2016 input–output table of Kepulauan Riau, Papua Barat or Sulawesi Selatan.

    ``province`` is the name or the BPS code ("21", "92", "73"). Papua
    Barat's table is for the province as it was in 2016, before Papua Barat
    Daya was split off in 2022. See ``IOTable`` for what it holds; pass
    ``table.flows`` and ``table.total_output`` to
    ``klaster.measures.linkages``.
    """
    code = _province_code(province)
    name = IO_PROVINCES[code]
    key = (code, id(_long()), language())  # the notes are in the course language
    if key in _cache:
        return _cache[key]
    long = _long()
    long = long[long["province"] == name]
    sectors = [s[0] for s in bps.SECTORS]
    io_codes = [s[4] for s in bps.SECTORS]
    wide = long.pivot(index="row_code", columns="column_code", values="value")
    missing = [c for c in io_codes if c not in wide.index or c not in wide.columns]
    if missing:
        raise KlasterValueError(_("The IO table of {name} has no sector {code}; rebuild it with "
                                  "`python -m klaster.bps`.").format(name=name, code=missing[0]))
    flows = wide.loc[io_codes, io_codes].astype(float)
    flows.index, flows.columns = pd.Index(sectors, name="from"), pd.Index(sectors, name="to")
    final = wide.loc[io_codes, list(FINAL_DEMAND)].astype(float)
    final.index, final.columns = pd.Index(sectors, name="sector"), list(FINAL_DEMAND.values())
    total_final = pd.Series(wide.loc[io_codes, "3090"].to_numpy(dtype=float), index=final.index,
                            name="total_final_demand")
    total_output = pd.Series(wide.loc[io_codes, "3100"].to_numpy(dtype=float), index=final.index,
                             name="total_output")
    inputs = wide.loc[list(INPUT_ROWS), io_codes].astype(float)
    inputs.index, inputs.columns = list(INPUT_ROWS.values()), pd.Index(sectors, name="sector")
    notes = _check(name, flows, final, total_final, total_output, inputs)
    table = IOTable(province=name, bps_code=code, year=2016, unit=_("million rupiah"), flows=flows,
                    final_demand=final, total_final_demand=total_final, total_output=total_output,
                    inputs=inputs, notes=notes)
    _cache[key] = table
    return table


def _check(name, flows, final, total_final, total_output, inputs) -> tuple:
    """The table's identities; stops on a broken one, returns notes on published totals that do not add up."""
    rows = flows.sum(axis=1) + total_final
    off = (rows / total_output - 1).abs() > 1e-6
    if off.any():
        sector = off.index[off][0]
        raise KlasterValueError(_("In the IO table of {name}, sector {sector}'s intermediate and final demand do "
                                  "not add up to its total output.").format(name=name, sector=sector))
    inputs_total = inputs.loc["total_input"]
    off = (inputs_total / total_output - 1).abs() > 1e-6
    if off.any():
        sector = off.index[off][0]
        raise KlasterValueError(_("In the IO table of {name}, sector {sector}'s total input differs from its "
                                  "total output.").format(name=name, sector=sector))
    notes = []
    components = final.sum(axis=1)
    gap = components - total_final
    for sector in gap.index[(gap.abs() > 1e-6 * total_output.abs())]:
        notes.append(_f("The final-demand columns of sector {sector} add up to {parts:,.0f} million rupiah, "
                        "{gap:,.0f} more than the published total final demand ({total:,.0f}); the total "
                        "(which matches total output) is used.",
                        sector=sector, parts=components[sector], gap=gap[sector], total=total_final[sector]))
    columns = flows.sum(axis=0) + inputs.loc[["imports_abroad", "imports_other_provinces", "value_added"]].sum()
    off = (columns / inputs_total - 1).abs() > 1e-6
    for sector in off.index[off]:
        notes.append(_("The inputs of sector {sector} do not add up to its published total input.").format(
            sector=sector))
    return tuple(notes)
