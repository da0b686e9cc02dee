"""The "dartboard": plants thrown at random across regions, to see what the
Ellison-Glaeser index looks like when location is pure chance.

Ellison & Glaeser (1997) imagine each plant of an industry choosing its
region at random, region r with probability x_r (its share of all jobs), like
darts thrown at a board whose areas are the x_r. Under this dartboard the
raw concentration G = sum_r (s_r - x_r)^2 is *not* zero on average: it is
(1 - sum_r x_r^2) H, larger when there are few plants or a few big ones (H is
the Herfindahl index of plant sizes). Their gamma subtracts exactly this, so
that gamma averages zero under the dartboard:

    gamma = [G - (1 - sum_r x_r^2) H] / [(1 - sum_r x_r^2)(1 - H)]

This module throws the darts many times at once (numpy, no loops over draws)
and returns G and gamma of every draw, computed exactly as
``klaster.measures.ellison_glaeser`` computes them (the tests check that the
two agree draw by draw).

Source: Ellison & Glaeser (1997); full reference in ``klaster.bibliography``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import data
from .errors import KlasterTypeError, KlasterValueError
from .i18n import _, _f
from .measures import ellison_glaeser

#: Median plant size of the synthetic plants table (workers); only the
#: relative sizes matter for G, H and gamma.
TYPICAL_PLANT = 66.0


def _check_sizes(plant_sizes) -> np.ndarray:
    if isinstance(plant_sizes, (pd.DataFrame, str, dict)):
        raise KlasterTypeError(_("plant_sizes must be a list, array or Series of numbers of workers, one per plant."))
    try:
        sizes = np.asarray(plant_sizes, dtype=float).ravel()
    except (TypeError, ValueError):
        raise KlasterTypeError(_("plant_sizes must hold numbers of workers, one per plant.")) from None
    if sizes.size == 0:
        raise KlasterValueError(_("plant_sizes is empty: give at least one plant."))
    if not np.isfinite(sizes).all():
        raise KlasterValueError(_("plant_sizes has a missing or infinite value; every plant needs a size."))
    if (sizes < 0).any():
        raise KlasterValueError(_f("plant_sizes has a negative number of workers ({workers:g}).",
                                   workers=sizes[sizes < 0][0]))
    if sizes.sum() == 0:
        raise KlasterValueError(_("All plants have zero workers, so no shares can be computed."))
    return sizes


def _check_shares(region_shares) -> pd.Series:
    if isinstance(region_shares, pd.Series):
        shares = region_shares
    elif isinstance(region_shares, (list, tuple, np.ndarray)):
        shares = pd.Series(np.asarray(region_shares, dtype=float))
    else:
        raise KlasterTypeError(_("region_shares must be a pandas Series indexed by region (or a list of numbers)."))
    try:
        values = shares.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise KlasterValueError(_("region_shares must hold numbers (jobs or shares by region).")) from None
    if values.size < 2:
        raise KlasterValueError(_("The dartboard needs at least two regions."))
    if not np.isfinite(values).all() or (values < 0).any():
        raise KlasterValueError(_("region_shares must be zero or positive numbers, with none missing."))
    if values.sum() == 0:
        raise KlasterValueError(_("region_shares are all zero, so no region can receive a plant."))
    if shares.index.duplicated().any():
        raise KlasterValueError(_("region_shares lists a region more than once."))
    return pd.Series(values / values.sum(), index=shares.index, name="x")


def lognormal_plant_sizes(n_plants: int, spread: float, seed: int = 0, median: float = TYPICAL_PLANT) -> np.ndarray:
    """``n_plants`` plant sizes (workers) drawn from a lognormal distribution.

    size = median * exp(spread * Z) with Z standard normal: ``spread`` is the
    standard deviation of log size. spread = 0 gives equal plants (H = 1/n);
    spread = 1.5 already makes a few plants much bigger than the rest.
    Seeded, so the same arguments give the same sizes.
    """
    if isinstance(n_plants, bool) or not isinstance(n_plants, (int, np.integer)) or n_plants < 1:
        raise KlasterValueError(_f("The number of plants must be a whole number of at least 1, not {n_plants!r}.",
                                   n_plants=n_plants))
    if not np.isfinite(spread) or spread < 0:
        raise KlasterValueError(_f("The size spread (log standard deviation) must be zero or positive, not "
                                   "{spread!r}.", spread=spread))
    if not np.isfinite(median) or median <= 0:
        raise KlasterValueError(_f("The median plant size must be above zero, not {median!r}.", median=median))
    rng = np.random.default_rng(seed)
    return median * np.exp(spread * rng.standard_normal(int(n_plants)))


def expected_raw_concentration(plant_sizes, region_shares) -> float:
    """E[G] under the dartboard: (1 - sum_r x_r^2) * H (Ellison & Glaeser 1997)."""
    sizes = _check_sizes(plant_sizes)
    x = _check_shares(region_shares).to_numpy()
    z = sizes / sizes.sum()
    return float((1 - np.sum(x ** 2)) * np.sum(z ** 2))


def gamma_from(G, H: float, region_shares) -> np.ndarray | float:
    """gamma = (G - (1 - sum x^2) H) / ((1 - sum x^2)(1 - H)), for one G or an array of them.

    NaN when H = 1 (a single plant: its location says nothing about
    spillovers or natural advantages) or when all jobs are in one region.
    """
    x = _check_shares(region_shares).to_numpy()
    spread = 1 - np.sum(x ** 2)
    G = np.asarray(G, dtype=float)
    if H >= 1 or spread <= 0:  # one plant, or a board with a single region: gamma is undefined
        out = np.full(G.shape, np.nan)
    else:
        out = (G - spread * H) / (spread * (1 - H))
    return float(out) if out.ndim == 0 else out


#: Draws handled together by ``simulate`` (small blocks stay in the processor's cache).
BLOCK_DRAWS = 64
#: Cells of the look-up table that turns uniform numbers into regions.
LOOKUP_CELLS = 1 << 12


def _region_blocks(x: np.ndarray, draws: int, n_plants: int, seed: int, rows: int = BLOCK_DRAWS):
    """Region index of every plant in every draw, ``rows`` draws at a time: (first draw, rows x plants).

    The numbers are exactly those of ``rng.choice(x.size, size=(draws, n_plants), p=x)``: numpy draws
    uniform numbers u in order and takes the first region whose cumulative share exceeds u. Here the
    region comes from a table of LOOKUP_CELLS cells of [0, 1); only the few u in a cell holding a
    boundary between regions are searched exactly. Much faster than ``choice`` for thousands of plants.
    """
    rng = np.random.default_rng(seed)
    cdf = x.cumsum()
    cdf /= cdf[-1]
    grid = np.arange(LOOKUP_CELLS + 1) / LOOKUP_CELLS       # exact binary fractions
    table = np.searchsorted(cdf, grid[:-1], side="right")   # region of the lowest u of each cell
    mixed = np.searchsorted(cdf, grid[1:], side="left") > table   # a boundary lies inside the cell
    for start in range(0, draws, rows):
        u = rng.random((min(rows, draws - start), n_plants))
        cell = (u * LOOKUP_CELLS).astype(np.intp)            # exact: LOOKUP_CELLS is a power of two
        regions = table[cell]
        check = np.flatnonzero(mixed[cell])
        regions.reshape(-1)[check] = np.searchsorted(cdf, u.reshape(-1)[check], side="right")
        yield start, regions


def _draw_regions(x: np.ndarray, draws: int, n_plants: int, seed: int) -> np.ndarray:
    """Region index of every plant in every draw (draws x plants), as ``_region_blocks`` gives them."""
    return np.concatenate([regions for _, regions in _region_blocks(x, draws, n_plants, seed)]) \
        if draws else np.empty((0, n_plants), dtype=np.intp)


def simulate(plant_sizes, region_shares, draws: int = 500, seed: int = 0) -> pd.DataFrame:
    """Throw the plants at the regions ``draws`` times and measure each throw.

    Each plant lands in region r with probability x_r (``region_shares``,
    normalised to sum to 1; jobs by region are fine), independently of the
    others. For every draw the function returns the raw concentration G and
    gamma; the Herfindahl index H of plant sizes is the same in every draw
    (it is in ``result.attrs["H"]``, with E[G] in ``result.attrs["expected_G"]``).

    Vectorised: the region indices come from the random generator and the
    regional shares from ``np.bincount``, a block of draws at a time (the
    numbers are those of ``Generator.choice`` with the same seed). With the
    same seed the result is the same.

    Returns a DataFrame indexed by draw (0, 1, ...) with columns G and gamma.
    """
    sizes = _check_sizes(plant_sizes)
    x_series = _check_shares(region_shares)
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 1:
        raise KlasterValueError(_f("draws must be a whole number of at least 1, not {draws!r}.", draws=draws))
    x = x_series.to_numpy()
    n_regions, n_plants = x.size, sizes.size
    z = sizes / sizes.sum()
    H = float(np.sum(z ** 2))
    s = np.empty((int(draws), n_regions))  # each region's share of the industry's jobs, draw by draw
    for start, regions in _region_blocks(x, int(draws), n_plants, seed):
        rows = regions.shape[0]
        regions += n_regions * np.arange(rows)[:, None]
        s[start:start + rows] = np.bincount(regions.ravel(), weights=np.tile(z, rows),
                                            minlength=rows * n_regions).reshape(rows, n_regions)
    G = np.sum((s - x) ** 2, axis=1)
    gamma = gamma_from(G, H, x_series)
    result = pd.DataFrame({"G": G, "gamma": np.atleast_1d(gamma)}, index=pd.RangeIndex(int(draws), name="draw"))
    result.attrs["H"] = H
    result.attrs["expected_G"] = float((1 - np.sum(x ** 2)) * H)
    result.attrs["plants"] = n_plants
    return result


def placements(plant_sizes, region_shares, draws: int = 1, seed: int = 0) -> pd.DataFrame:
    """The plants of ``simulate`` (same seed, same draws) as a long table.

    One row per draw and plant, with columns draw, plant, region, workers:
    a table that ``klaster.measures.ellison_glaeser`` accepts (industry =
    draw), so the two computations can be compared.
    """
    sizes = _check_sizes(plant_sizes)
    x_series = _check_shares(region_shares)
    x = x_series.to_numpy()
    regions = _draw_regions(x, int(draws), sizes.size, seed)
    labels = x_series.index.to_numpy()
    return pd.DataFrame({
        "draw": np.repeat(np.arange(int(draws)), sizes.size),
        "plant": np.tile(np.arange(sizes.size), int(draws)),
        "region": labels[regions.ravel()],
        "workers": np.tile(sizes, int(draws)),
    })


def share_at_least(simulated: pd.DataFrame, value: float, column: str = "gamma") -> float:
    """Share of simulated draws whose ``column`` is at least ``value``.

    A small share (say below 0.05) means random placement rarely produces
    concentration as strong as the real one.
    """
    if not isinstance(simulated, pd.DataFrame) or column not in simulated.columns:
        raise KlasterValueError(_f("Give the table returned by simulate(...), which has a {column!r} column.",
                                   column=column))
    return float((simulated[column] >= value).mean())


def province_employment(year: int = 2024, panel: pd.DataFrame | None = None) -> pd.Series:
    """All manufacturing jobs by province (BPS code) in the employment panel: the dartboard's x.

    The course's panel is SYNTHETIC (see data/README.md).
    """
    panel = data.load_employment_panel() if panel is None else panel
    years = sorted(panel["year"].unique().tolist())
    if year not in years:
        raise KlasterValueError(_f("The panel has no year {year!r}; it covers {years}.", year=year,
                                   years=", ".join(map(str, years))))
    jobs = panel[panel["year"] == year].groupby("bps_code")["workers"].sum().astype(float)
    jobs.name = "workers"
    return jobs


def division_plant_sizes(division: str, plants: pd.DataFrame | None = None) -> pd.Series:
    """Workers of every plant of one division, by KBLI code ("12") or name in either language ("Tobacco").

    From the SYNTHETIC plants table by default; indexed by plant_id.
    """
    plants = data.load_plants() if plants is None else plants
    try:
        code = data.division_code(division)  # a code or a name in either language
    except KlasterValueError:
        code = str(division)
    chosen = plants[plants["division"] == code]
    if chosen.empty:
        raise KlasterValueError(
            _f("There are no plants of division {division!r}; give a KBLI code such as '12' or a short name "
               "such as 'Tobacco' (see data/kbli_divisions.csv).", division=division)
        )
    return chosen.set_index("plant_id")["workers"].astype(float)


def real_concentration(year: int = 2024, panel: pd.DataFrame | None = None,
                       plants: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """G, H, gamma and number of plants of every division, and the x used.

    gamma is ``klaster.measures.ellison_glaeser`` on the plants table, with
    x_r each province's share of all manufacturing jobs in the employment
    panel for ``year`` (``province_employment``). Both tables are the
    course's SYNTHETIC data by default. Returns (table indexed by division
    short name with columns G, H, gamma, plants; x as jobs by province).
    """
    panel = data.load_employment_panel() if panel is None else panel
    plants = data.load_plants() if plants is None else plants
    x = province_employment(year, panel)
    eg = ellison_glaeser(plants, region="bps_code", industry="division", employment="workers",
                         region_employment=x)
    names = panel.drop_duplicates("division").set_index("division")["division_name"]
    eg["plants"] = plants.groupby("division").size().reindex(eg.index)
    eg.index = eg.index.map(names)
    eg.index.name = "division"
    return eg, x
