"""The core-periphery model of Krugman (1991b) with two regions.

The model and its normalisation follow Fujita, Krugman & Venables (1999),
The Spatial Economy, ch. 5 (FKV below). The economy has two regions and two
kinds of worker:

- farm workers, a share 1 - mu of all workers, who cannot move and are split
  equally between the regions; they earn a wage of 1 (the unit of account);
- manufacturing workers, a share mu of all workers, who move to the region
  with the higher real wage; region 1 has the share lambda of them (called
  ``share`` in the code).

Manufacturing firms each make their own variety under increasing returns;
consumers spend the share mu of income on manufactures, with elasticity of
substitution sigma > 1 between varieties. Shipping a manufactured good to
the other region costs "iceberg" transport: T >= 1 units must leave for one
unit to arrive (T = 1 is free transport).

For a given share lambda, the short-run equilibrium solves (FKV ch. 5)::

    Y1 = mu * lambda * w1 + (1 - mu) / 2
    Y2 = mu * (1 - lambda) * w2 + (1 - mu) / 2
    G1 = [lambda * w1**(1-sigma) + (1 - lambda) * (w2 * T)**(1-sigma)] ** (1/(1-sigma))
    G2 = [lambda * (w1 * T)**(1-sigma) + (1 - lambda) * w2**(1-sigma)] ** (1/(1-sigma))
    w1 = [Y1 * G1**(sigma-1) + Y2 * G2**(sigma-1) * T**(1-sigma)] ** (1/sigma)
    w2 = [Y1 * G1**(sigma-1) * T**(1-sigma) + Y2 * G2**(sigma-1)] ** (1/sigma)

with incomes Y, price indices G and nominal manufacturing wages w. Real
wages are omega_r = w_r * G_r**(-mu). Workers move towards the region with
the higher real wage; FKV's adjustment rule gives
d lambda / dt = speed * lambda * (1 - lambda) * (omega1 - omega2).

Everything is solved with numpy alone (no scipy), vectorised over many
values of lambda (and of T) at once: the wage equations by damped
fixed-point iteration (``method="fixed-point"``, the textbook way), sped up
by default with Newton's method on log wages (``method="newton"``, same
answer in a handful of rounds instead of hundreds). The tomahawk diagram and the real-wage curves are cached with
``functools.lru_cache``, so a widget that returns to the same parameters
does not compute them again.

Sources: Krugman (1991b); Fujita, Krugman & Venables (1999), ch. 4-5. Full
references: ``klaster.bibliography``.
"""
from __future__ import annotations

import functools
import math
import numbers

import numpy as np
import pandas as pd

from .errors import KlasterTypeError, KlasterValueError
from .i18n import N_, _, _f

#: Region 1's share values used for curves and equilibria unless told otherwise.
DEFAULT_POINTS = 101
#: Half-width of the two points either side of lambda = 1/2 used for the slope there.
SLOPE_STEP = 1e-4
#: Real-wage gaps smaller than this are treated as zero.
GAP_TOLERANCE = 1e-9
#: Damping of the fixed-point iteration: each round moves this fraction of the way to the new wages.
DAMPING = 0.9
METHODS = ("newton", "fixed-point")
COLUMNS = ["Y1", "Y2", "G1", "G2", "w1", "w2", "omega1", "omega2", "gap"]


# --- parameters -------------------------------------------------------------

def _number(value, name: str, meaning: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise KlasterTypeError(_f("{name} ({meaning}) must be a number, but it is {value!r:.40}.", name=name,
                                  meaning=meaning, value=value))
    number = float(value)
    if not math.isfinite(number):
        raise KlasterValueError(_f("{name} ({meaning}) must be a finite number, but it is {number}.", name=name,
                                   meaning=meaning, number=number))
    return number


def no_black_hole_limit(sigma: float) -> float:
    """The largest manufacturing share of spending the model allows: (sigma - 1) / sigma.

    FKV (1999, ch. 4-5) call mu < (sigma - 1) / sigma the no-black-hole
    condition; see ``check_parameters``.
    """
    return (sigma - 1.0) / sigma


def check_parameters(mu, sigma, transport_cost=None) -> tuple[float, float, float | None]:
    """Check the model's parameters and return them as floats (mu, sigma, T).

    - mu, the share of spending on manufactures, must lie strictly between 0 and 1;
    - sigma, the elasticity of substitution between varieties, must exceed 1;
    - T, the iceberg transport cost, must be at least 1 (T = 1: free transport);
    - the no-black-hole condition mu < (sigma - 1) / sigma must hold (FKV 1999).

    When the no-black-hole condition fails, the forces that pull industry
    together (a large local market, cheap local varieties) beat the force
    that spreads it (the farm workers' demand in both regions) at every
    transport cost: the even split is never stable and all manufacturing
    gathers in one region, like matter into a black hole.

    Raises KlasterTypeError for something that is not a number and
    KlasterValueError, with one sentence naming the problem, otherwise.
    """
    mu = _number(mu, "mu", _("the manufacturing share of spending"))
    sigma = _number(sigma, "sigma", _("the elasticity of substitution"))
    if not 0.0 < mu < 1.0:
        raise KlasterValueError(
            _f("mu (the manufacturing share of spending) must lie strictly between 0 and 1, but it is {mu:g}.",
               mu=mu))
    if sigma <= 1.0:
        raise KlasterValueError(
            _f("sigma (the elasticity of substitution) must be greater than 1, but it is {sigma:g}: with "
               "sigma <= 1 firms' mark-up sigma / (sigma - 1) is not defined and the model has no prices.",
               sigma=sigma))
    limit = no_black_hole_limit(sigma)
    if mu >= limit:
        raise KlasterValueError(
            _f("mu = {mu:g} and sigma = {sigma:g} break the no-black-hole condition mu < (sigma - 1) / sigma "
               "= {limit:.3f}: so much spending goes to manufactures, and varieties are so poor substitutes, "
               "that industry gathers in one region at every transport cost and the even split is never stable. "
               "Lower mu or raise sigma.", mu=mu, sigma=sigma, limit=limit))
    if transport_cost is None:
        return mu, sigma, None
    t = _number(transport_cost, "transport_cost", _("T, the iceberg transport cost"))
    if t < 1.0:
        raise KlasterValueError(
            _f("transport_cost (T) must be at least 1, but it is {t:g}: T units are shipped for one unit "
               "to arrive, so T = 1 means free transport and T < 1 would mean goods multiply on the way.", t=t))
    if not t ** (sigma - 1.0) < 1e150:
        raise KlasterValueError(
            _f("transport_cost T = {t:g} with sigma = {sigma:g} is too large to compute: almost nothing would be "
               "traded between the regions. Choose a smaller T.", t=t, sigma=sigma))
    return mu, sigma, t


def _shares(share) -> np.ndarray:
    try:
        values = np.asarray(share, dtype=float)
    except (TypeError, ValueError):
        raise KlasterTypeError(_f("The share of manufacturing workers in region 1 must be a number or a list "
                                  "of numbers, but it is {share!r:.40}.", share=share)) from None
    if values.ndim > 1:
        raise KlasterValueError(_("Give the shares of manufacturing workers in region 1 as one number or a "
                                  "flat list of numbers."))
    if values.size == 0:
        raise KlasterValueError(_("The list of shares of manufacturing workers in region 1 is empty."))
    if not np.isfinite(values).all() or (values < 0).any() or (values > 1).any():
        bad = values[~(np.isfinite(values) & (values >= 0) & (values <= 1))][0]
        raise KlasterValueError(_f("The share of manufacturing workers in region 1 (lambda) must lie between 0 "
                                   "and 1, but one value is {bad:g}.", bad=bad))
    return values


# --- the short-run equilibrium ----------------------------------------------

def _fixed_point_map(w1, w2, share, mu, sigma, phi):
    """One round of the wage equations: incomes and price indices from (w1, w2), then new wages."""
    farm = (1.0 - mu) / 2.0
    y1 = mu * share * w1 + farm
    y2 = mu * (1.0 - share) * w2 + farm
    a1, a2 = w1 ** (1.0 - sigma), w2 ** (1.0 - sigma)
    p1 = share * a1 + (1.0 - share) * a2 * phi    # G1^(1 - sigma)
    p2 = share * a1 * phi + (1.0 - share) * a2    # G2^(1 - sigma)
    r1 = y1 / p1 + y2 / p2 * phi                   # w1^sigma must equal r1
    r2 = y1 / p1 * phi + y2 / p2
    return r1 ** (1.0 / sigma), r2 ** (1.0 / sigma), (y1, y2, a1, a2, p1, p2, r1, r2)


def _newton_step(w1, w2, share, mu, sigma, phi, parts):
    """Newton's step for log w1, log w2 on r_i = log w_i - log(R_i) / sigma = 0 (2 x 2, vectorised)."""
    y1, y2, a1, a2, p1, p2, r1, r2 = parts
    b1, b2 = y1 / p1, y2 / p2
    s1 = 1.0 - sigma
    # derivatives of y_r / p_r with respect to log w1 and log w2
    d1b1 = mu * share * w1 / p1 - b1 * s1 * share * a1 / p1
    d2b1 = -b1 * s1 * (1.0 - share) * a2 * phi / p1
    d1b2 = -b2 * s1 * share * a1 * phi / p2
    d2b2 = mu * (1.0 - share) * w2 / p2 - b2 * s1 * (1.0 - share) * a2 / p2
    j11 = 1.0 - (d1b1 + phi * d1b2) / (sigma * r1)
    j12 = -(d2b1 + phi * d2b2) / (sigma * r1)
    j21 = -(phi * d1b1 + d1b2) / (sigma * r2)
    j22 = 1.0 - (phi * d2b1 + d2b2) / (sigma * r2)
    f1 = np.log(w1) - np.log(r1) / sigma
    f2 = np.log(w2) - np.log(r2) / sigma
    det = j11 * j22 - j12 * j21
    step1 = np.clip(-(j22 * f1 - j12 * f2) / det, -0.5, 0.5)
    step2 = np.clip(-(j11 * f2 - j21 * f1) / det, -0.5, 0.5)
    return step1, step2


def _solve(share: np.ndarray, mu: float, sigma: float, transport_cost, method: str = "newton",
           damping: float = DAMPING, tol: float = 1e-12, max_iter: int = 100_000) -> dict[str, np.ndarray]:
    """Solve the wage equations for arrays of shares and transport costs (broadcast together).

    ``method="fixed-point"``: damped fixed-point iteration, w <- w + damping * (F(w) - w).
    ``method="newton"``: Newton's method on log wages, which needs a handful of rounds
    instead of hundreds; any point where a Newton step would not bring the wages
    closer to a solution takes a damped fixed-point step instead, and if Newton has not settled after 50 rounds
    the fixed-point iteration finishes the job. Both stop, point by point, when no wage
    changes by more than ``tol`` in one round of the wage equations (settled points
    leave the arrays, so the few slow ones do not make every point iterate).
    """
    share, t = np.broadcast_arrays(np.asarray(share, dtype=float), np.asarray(transport_cost, dtype=float))
    phi = t ** (1.0 - sigma)                     # freeness of trade, T^(1 - sigma), between 0 and 1
    w1 = np.ones(share.shape)
    w2 = np.ones(share.shape)
    # only the points that have not settled yet take part in the next round (most settle in a few)
    active = np.arange(share.size)
    a1, a2 = w1.ravel().copy(), w2.ravel().copy()
    s, p = share.ravel().copy(), np.broadcast_to(phi, share.shape).ravel().copy()
    newton_rounds = 50 if method == "newton" else 0
    for round_ in range(max_iter):
        new1, new2, parts = _fixed_point_map(a1, a2, s, mu, sigma, p)
        settled = (np.abs(new1 - a1) < tol) & (np.abs(new2 - a2) < tol)
        if settled.any():
            w1.ravel()[active[settled]] = a1[settled]
            w2.ravel()[active[settled]] = a2[settled]
            if settled.all():
                break
            keep = ~settled
            active, a1, a2, new1, new2, s, p = (x[keep] for x in (active, a1, a2, new1, new2, s, p))
            parts = tuple(x[keep] for x in parts)
        fixed1 = a1 + damping * (new1 - a1)
        fixed2 = a2 + damping * (new2 - a2)
        if round_ < newton_rounds:
            with np.errstate(all="ignore"):
                step1, step2 = _newton_step(a1, a2, s, mu, sigma, p, parts)
                try1, try2 = a1 * np.exp(step1), a2 * np.exp(step2)
                after1, after2, _unused = _fixed_point_map(try1, try2, s, mu, sigma, p)
                before = np.abs(np.log(new1 / a1)) + np.abs(np.log(new2 / a2))
                after = np.abs(np.log(after1 / try1)) + np.abs(np.log(after2 / try2))
            # keep a Newton step only where it brings the wages closer to a solution
            good = np.isfinite(after) & (after < before)
            a1, a2 = np.where(good, try1, fixed1), np.where(good, try2, fixed2)
        else:
            a1, a2 = fixed1, fixed2
    else:
        raise KlasterValueError(_f("The wage equations did not settle after {rounds} rounds for mu = {mu:g}, "
                                   "sigma = {sigma:g}; try parameters further from the no-black-hole limit.",
                                   rounds=max_iter, mu=mu, sigma=sigma))
    farm = (1.0 - mu) / 2.0
    y1 = mu * share * w1 + farm
    y2 = mu * (1.0 - share) * w2 + farm
    g1 = (share * w1 ** (1.0 - sigma) + (1.0 - share) * (w2 * t) ** (1.0 - sigma)) ** (1.0 / (1.0 - sigma))
    g2 = (share * (w1 * t) ** (1.0 - sigma) + (1.0 - share) * w2 ** (1.0 - sigma)) ** (1.0 / (1.0 - sigma))
    omega1, omega2 = w1 * g1 ** (-mu), w2 * g2 ** (-mu)
    return {"Y1": y1, "Y2": y2, "G1": g1, "G2": g2, "w1": w1, "w2": w2,
            "omega1": omega1, "omega2": omega2, "gap": omega1 - omega2}


def short_run_equilibrium(share, *, mu, sigma, transport_cost, method: str = "newton",
                          damping: float = DAMPING, tol: float = 1e-12):
    """The short-run equilibrium for a given share of manufacturing workers in region 1.

    Solves the wage equations of the module docstring (FKV 1999, ch. 5).
    ``method="fixed-point"`` is damped fixed-point iteration: start from
    w1 = w2 = 1, compute incomes Y and price indices G, compute the wages
    firms can pay, move the fraction ``damping`` of the way towards them, and
    repeat until no wage changes by more than ``tol``. It needs hundreds of
    rounds when sigma is large; the default ``method="newton"`` reaches the
    same wages in a handful of rounds (Newton's method on log wages, with a
    fixed-point step wherever a Newton step fails).

    ``share`` (lambda) is one number in [0, 1] or a list of them. Returns,
    for one number, a Series and, for a list, a DataFrame indexed by share
    with the columns Y1, Y2 (incomes), G1, G2 (price indices of
    manufactures), w1, w2 (nominal manufacturing wages; the farm wage is 1),
    omega1, omega2 (real wages w * G^-mu) and gap (omega1 - omega2). In every
    equilibrium lambda * w1 + (1 - lambda) * w2 = 1 and Y1 + Y2 = 1.
    """
    mu, sigma, t = check_parameters(mu, sigma, transport_cost)
    values = _shares(share)
    if method not in METHODS:
        raise KlasterValueError(_f("method must be one of {methods}, but it is {method!r}.",
                                   methods=", ".join(METHODS), method=method))
    damping = _number(damping, "damping", _("the fraction of each step taken"))
    if not 0.0 < damping <= 1.0:
        raise KlasterValueError(_f("damping must lie in (0, 1], but it is {damping:g}.", damping=damping))
    solved = _solve(values.ravel(), mu, sigma, t, method=method, damping=damping, tol=tol)
    table = pd.DataFrame({name: solved[name] for name in COLUMNS},
                         index=pd.Index(values.ravel(), name="share"))
    if values.ndim == 0:
        row = table.iloc[0]
        row.name = float(values)
        return row
    return table


@functools.lru_cache(maxsize=256)
def _gap_curve(mu: float, sigma: float, t: float, points: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Shares, real-wage gaps and the slope of the gap at 1/2 (cached, read-only arrays)."""
    grid = np.linspace(0.0, 1.0, points)
    grid = np.sort(np.concatenate([grid[~np.isclose(grid, 0.5)], [0.5 - SLOPE_STEP, 0.5 + SLOPE_STEP]]))
    gap = _solve(grid, mu, sigma, t)["gap"]
    slope = _slope_at_half(grid, gap)
    grid.setflags(write=False)
    gap.setflags(write=False)
    return grid, gap, float(slope)


def _slope_at_half(grid: np.ndarray, gap: np.ndarray):
    below = int(np.searchsorted(grid, 0.5)) - 1
    return (gap[..., below + 1] - gap[..., below]) / (grid[below + 1] - grid[below])


def _check_points(points) -> int:
    if isinstance(points, (bool, np.bool_)) or not isinstance(points, numbers.Integral) or points < 5:
        raise KlasterValueError(_f("points (how many values of lambda to use) must be a whole number of at least "
                                   "5, but it is {points!r}.", points=points))
    return int(points)


def real_wage_gap(*, mu, sigma, transport_cost, points: int = DEFAULT_POINTS) -> pd.Series:
    """The real-wage gap omega1 - omega2 against region 1's share lambda of manufacturing workers.

    Positive: a manufacturing worker earns more in real terms in region 1, so
    workers move into region 1 and lambda rises; negative: lambda falls.
    Computed on ``points`` evenly spaced shares from 0 to 1, with lambda =
    1/2 replaced by two points just either side of it (1/2 +- 1e-4), which
    also give the slope there. Always 0 at lambda = 1/2 (by symmetry), and
    gap(1 - lambda) = -gap(lambda). Cached: the same parameters cost nothing
    the second time. Source: FKV (1999), ch. 5.
    """
    mu, sigma, t = check_parameters(mu, sigma, transport_cost)
    grid, gap, _slope = _gap_curve(mu, sigma, t, _check_points(points))
    return pd.Series(gap.copy(), index=pd.Index(grid.copy(), name="share"), name="gap")


def slope_at_symmetry(*, mu, sigma, transport_cost) -> float:
    """The slope d(omega1 - omega2)/d lambda at the even split lambda = 1/2, from the simulation.

    A central difference over lambda = 1/2 +- 1e-4. Negative: the even
    split is stable (a worker who moves gets a lower real wage and moves
    back). Positive: it is unstable. It changes sign at the break point T_B.
    """
    mu, sigma, t = check_parameters(mu, sigma, transport_cost)
    return _gap_curve(mu, sigma, t, DEFAULT_POINTS)[2]


# --- long-run equilibria and their stability ----------------------------------

def _classify(grid: np.ndarray, gaps: np.ndarray, slopes: np.ndarray):
    """Equilibria of every row of ``gaps`` (rows = parameter settings, columns = grid).

    Returns arrays (row, share, stable, kind code) and a boolean array of
    neutral rows (gap zero everywhere). Kind codes: 0 = core in region 2
    (lambda = 0), 1 = uneven interior, 2 = even split, 3 = core in region 1.
    """
    gaps = np.atleast_2d(gaps)
    slopes = np.atleast_1d(slopes)
    rows_n, k = gaps.shape
    neutral = np.max(np.abs(gaps), axis=1) < GAP_TOLERANCE
    sign = np.where(gaps > GAP_TOLERANCE, 1, np.where(gaps < -GAP_TOLERANCE, -1, 0))
    rows, shares, stable, kinds = [], [], [], []
    live = ~neutral
    # the corners are long-run equilibria when the core's real wage is at least the periphery's
    left = live & (sign[:, 0] < 0)
    rows.append(np.flatnonzero(left)); shares.append(np.zeros(left.sum()))
    stable.append(np.ones(left.sum(), bool)); kinds.append(np.zeros(left.sum(), int))
    right = live & (sign[:, -1] > 0)
    rows.append(np.flatnonzero(right)); shares.append(np.ones(right.sum()))
    stable.append(np.ones(right.sum(), bool)); kinds.append(np.full(right.sum(), 3))
    # the even split is always an equilibrium; stable where the gap falls through zero
    rows.append(np.flatnonzero(live)); shares.append(np.full(live.sum(), 0.5))
    stable.append(slopes[live] < 0); kinds.append(np.full(live.sum(), 2))
    # other interior equilibria: sign changes between neighbouring points, not across 1/2
    middle = int(np.searchsorted(grid, 0.5)) - 1          # the pair (1/2 - h, 1/2 + h)
    pairs = np.ones(k - 1, bool)
    pairs[middle] = False
    a, b = sign[:, :-1], sign[:, 1:]
    crossing = (a * b < 0) & pairs & live[:, None]
    r, j = np.nonzero(crossing)
    g0, g1 = gaps[r, j], gaps[r, j + 1]
    rows.append(r); shares.append(grid[j] + (grid[j + 1] - grid[j]) * g0 / (g0 - g1))
    stable.append(g0 > 0); kinds.append(np.ones(r.size, int))
    # an interior grid point where the gap is zero and its neighbours differ in sign
    inner = np.zeros_like(sign, bool)
    inner[:, 1:-1] = (sign[:, 1:-1] == 0) & (sign[:, :-2] * sign[:, 2:] < 0)
    inner[:, [middle, middle + 1]] = False
    inner &= live[:, None]
    r, j = np.nonzero(inner)
    rows.append(r); shares.append(grid[j]); stable.append(sign[r, j - 1] > 0); kinds.append(np.ones(r.size, int))
    return (np.concatenate(rows), np.concatenate(shares), np.concatenate(stable), np.concatenate(kinds)), neutral


KINDS = {0: "core in region 2", 1: "uneven (interior)", 2: "even split", 3: "core in region 1"}


def equilibria(*, mu, sigma, transport_cost, points: int = DEFAULT_POINTS) -> pd.DataFrame:
    """The long-run equilibria for given parameters, and whether each is stable.

    A long-run equilibrium is a share lambda at which no worker wants to
    move: either the real wages are equal (the gap is zero: the even split
    lambda = 1/2 and any other crossing), or all manufacturing is in one
    region whose real wage is at least the other's (lambda = 0 or 1).
    An interior equilibrium is stable when the gap crosses zero from above
    (more workers in region 1 would lower their relative real wage); a
    corner is stable when the gap there favours the core. The even split's
    stability is read from the simulated slope at 1/2; other crossings are
    found on the grid of ``points`` shares and located by linear
    interpolation. Source: FKV (1999), ch. 5.

    Returns a DataFrame with the columns share, stable and kind, sorted by
    share. At T = 1 (free transport) real wages are equal whatever lambda
    is: every share is an equilibrium and none is strictly stable; the
    table then has one row with kind "neutral" and share NaN.
    """
    mu, sigma, t = check_parameters(mu, sigma, transport_cost)
    grid, gap, slope = _gap_curve(mu, sigma, t, _check_points(points))
    (_rows, shares, stable, kinds), neutral = _classify(grid, gap[None, :], np.array([slope]))
    if neutral[0]:
        return pd.DataFrame({"share": [np.nan], "stable": [False], "kind": ["neutral"]})
    table = pd.DataFrame({"share": shares, "stable": stable, "kind": [KINDS[k] for k in kinds]})
    return table.sort_values("share", ignore_index=True)


def stable_equilibria(*, mu, sigma, transport_cost, points: int = DEFAULT_POINTS) -> tuple[float, ...]:
    """The stable long-run shares lambda, smallest first (empty at T = 1, where none is strictly stable)."""
    table = equilibria(mu=mu, sigma=sigma, transport_cost=transport_cost, points=points)
    return tuple(float(s) for s in table.loc[table["stable"], "share"])


def long_run_share(start, *, mu, sigma, transport_cost, points: int = DEFAULT_POINTS) -> float:
    """Where the workers end up when region 1 starts with the share ``start``.

    With FKV's adjustment rule d lambda/dt = lambda (1 - lambda)(omega1 -
    omega2), lambda moves in the direction of the real-wage gap and stops at
    the first rest point on its way (an equilibrium, or a corner 0 or 1). A
    start on an equilibrium stays there. At T = 1 nothing moves.
    """
    mu, sigma, t = check_parameters(mu, sigma, transport_cost)
    start = float(_shares(start))
    grid, gap, _slope = _gap_curve(mu, sigma, t, _check_points(points))
    table = equilibria(mu=mu, sigma=sigma, transport_cost=t, points=points)
    if table["kind"].iloc[0] == "neutral":
        return start
    rest = np.unique(np.concatenate([[0.0, 1.0], table["share"].to_numpy()]))
    here = float(_solve(np.array([start]), mu, sigma, t)["gap"][0])
    if start in rest or abs(here) < GAP_TOLERANCE:
        return start
    if here > 0:
        return float(rest[rest > start].min())
    return float(rest[rest < start].max())


def adjustment_path(start, *, mu, sigma, transport_cost, speed: float = 2.0, periods: int = 300) -> pd.Series:
    """Region 1's share of manufacturing workers over time, from ``start``.

    Each period lambda changes by speed * lambda * (1 - lambda) * (omega1 -
    omega2) (FKV 1999, ch. 5, the adjustment rule in discrete steps), with
    the gap read from the real-wage curve (``real_wage_gap`` on 401 points,
    interpolated). A large ``speed`` makes the steps overshoot an
    equilibrium and jump around it; the default is small enough for the
    parameters of the lesson. Returns a Series indexed by period 0 .. periods.
    """
    mu, sigma, t = check_parameters(mu, sigma, transport_cost)
    start = float(_shares(start))
    speed = _number(speed, "speed", _("how fast workers move"))
    if speed <= 0:
        raise KlasterValueError(_f("speed must be positive, but it is {speed:g}.", speed=speed))
    grid, gap, _slope = _gap_curve(mu, sigma, t, 401)
    path = np.empty(int(periods) + 1)
    path[0] = share = start
    for period in range(1, int(periods) + 1):
        share = float(np.clip(share + speed * share * (1 - share) * np.interp(share, grid, gap), 0.0, 1.0))
        path[period] = share
    return pd.Series(path, index=pd.RangeIndex(len(path), name="period"), name="share")


# --- break point, sustain point and the tomahawk ------------------------------------

def break_point(*, mu, sigma) -> float:
    """The break point T_B: below this transport cost the even split is unstable.

    T_B = [ (sigma (1 + mu) - 1)(1 + mu) / ((sigma (1 - mu) - 1)(1 - mu)) ] ^ (1 / (sigma - 1)),

    the transport cost at which the slope of the real-wage gap at lambda =
    1/2 is zero (FKV 1999, ch. 5, "the break point"). For T > T_B the slope
    is negative (stable even split), for T < T_B positive. Needs the
    no-black-hole condition, which keeps the denominator positive.
    """
    mu, sigma, _no_t = check_parameters(mu, sigma)
    ratio = (sigma * (1 + mu) - 1) * (1 + mu) / ((sigma * (1 - mu) - 1) * (1 - mu))
    return float(ratio ** (1.0 / (sigma - 1.0)))


def _sustain_log_condition(x: float, mu: float, sigma: float) -> float:
    """log[(omega2/omega1)^sigma] at lambda = 1 when T = e^x (negative: the core is sustainable)."""
    b = sigma - 1.0
    return (b - mu * sigma) * x + math.log((1 - mu) / 2 + (1 + mu) / 2 * math.exp(-2 * b * x))


def sustain_point(*, mu, sigma) -> float:
    """The sustain point T_S: below this transport cost a core (lambda = 0 or 1) is stable.

    With all manufacturing in region 1, w1 = G1 = 1, G2 = T and
    (omega2 / omega1)^sigma = T^(-mu sigma) [ (1 + mu)/2 T^(1 - sigma) + (1 - mu)/2 T^(sigma - 1) ]
    (FKV 1999, ch. 5). T_S is the T > 1 at which this equals 1: the core's
    real-wage advantage vanishes. There is no closed form for T_S; this
    function solves the condition by bisection in log T (the log of the
    right-hand side is convex in log T, zero at T = 1 and falling there, so
    the root above 1 is unique). With the no-black-hole condition T_S > T_B.
    """
    mu, sigma, _no_t = check_parameters(mu, sigma)
    upper = math.log(2.0 / (1.0 - mu)) / (sigma - 1.0 - mu * sigma)   # the condition is positive here
    lower = min(math.log(break_point(mu=mu, sigma=sigma)), upper / 2)
    while _sustain_log_condition(lower, mu, sigma) >= 0:
        lower /= 2
    for _round in range(200):
        middle = (lower + upper) / 2
        if _sustain_log_condition(middle, mu, sigma) < 0:
            lower = middle
        else:
            upper = middle
        if upper - lower < 1e-15:
            break
    return float(math.exp((lower + upper) / 2))


@functools.lru_cache(maxsize=64)
def _tomahawk_arrays(mu: float, sigma: float, t_min: float, t_max: float, n_t: int, points: int):
    costs = np.linspace(t_min, t_max, n_t)
    grid = np.linspace(0.0, 1.0, points)
    grid = np.sort(np.concatenate([grid[~np.isclose(grid, 0.5)], [0.5 - SLOPE_STEP, 0.5 + SLOPE_STEP]]))
    gaps = _solve(grid[None, :], mu, sigma, costs[:, None])["gap"]
    (rows, shares, stable, kinds), _neutral = _classify(grid, gaps, _slope_at_half(grid, gaps))
    order = np.lexsort((shares, costs[rows]))
    result = (costs[rows][order], shares[order], stable[order], kinds[order])
    for array in result:
        array.setflags(write=False)
    return result


def tomahawk(*, mu, sigma, t_min: float = 1.0, t_max: float = 3.0, n_t: int = 81,
             points: int = 51) -> pd.DataFrame:
    """The tomahawk diagram: every long-run equilibrium share lambda, and its stability, against T.

    For each of ``n_t`` transport costs from ``t_min`` to ``t_max`` the
    real-wage gap is simulated on ``points`` shares (all at once, as one
    array) and its equilibria found as in ``equilibria``. Returns a long
    table with the columns transport_cost, share, stable and kind.
    Transport costs at which real wages are equal everywhere (T = 1) have no
    rows. Theory (FKV 1999, ch. 5): the even split is stable for T > T_B,
    the cores lambda = 0 and 1 for T < T_S, and T_S > T_B, so both are
    stable between the two points. Cached on the (hashable) parameters, so
    a second call with the same arguments only builds the table.
    """
    mu, sigma, _no_t = check_parameters(mu, sigma)
    t_min = check_parameters(mu, sigma, t_min)[2]
    t_max = check_parameters(mu, sigma, t_max)[2]
    if not t_max > t_min:
        raise KlasterValueError(_f("t_max must be larger than t_min, but they are {t_max:g} and {t_min:g}.",
                                   t_max=t_max, t_min=t_min))
    if isinstance(n_t, (bool, np.bool_)) or not isinstance(n_t, numbers.Integral) or n_t < 2:
        raise KlasterValueError(_f("n_t (how many transport costs) must be a whole number of at least 2, "
                                   "but it is {n_t!r}.", n_t=n_t))
    costs, shares, stable, kinds = _tomahawk_arrays(mu, sigma, t_min, t_max, int(n_t), _check_points(points))
    return pd.DataFrame({"transport_cost": costs.copy(), "share": shares.copy(), "stable": stable.copy(),
                         "kind": [KINDS[k] for k in kinds]})


# --- figures -------------------------------------------------------------------------

def draw_gap_curve(ax, gap: pd.Series, table: pd.DataFrame, color=None, label: str | None = None,
                   size: float = 9.0, zorder: float = 3.0):
    """Draw one real-wage gap curve with its stable (filled) and unstable (open) equilibria on ``ax``.

    ``size`` is the marker size (smaller markers drawn on top of larger ones
    stay visible when several curves share an equilibrium). Returns the
    (curve, stable markers, unstable markers) Line2D artists, so a widget can
    update them in place.
    """
    from .plots import OKABE_ITO
    color = color or OKABE_ITO["blue"]
    (curve,) = ax.plot(gap.index, gap.to_numpy(), color=color, lw=2, label=label)
    points = table.dropna(subset=["share"])
    stable = points[points["stable"]]["share"].to_numpy()
    unstable = points[~points["stable"]]["share"].to_numpy()
    (filled,) = ax.plot(stable, np.zeros(stable.size), "o", color=color, mec="white", mew=0.8, ms=size,
                        zorder=zorder)
    (hollow,) = ax.plot(unstable, np.zeros(unstable.size), "o", mfc="white", mec=color, mew=1.8, ms=size,
                        zorder=zorder)
    return curve, filled, hollow


def plot_gap_curves(transport_costs, *, mu, sigma, ax=None):
    """Real-wage gap against lambda for several transport costs, with the equilibria marked.

    Filled dots are stable equilibria, open dots unstable ones; where curves
    share an equilibrium the dots are drawn as rings inside one another, the
    first transport cost outermost. Returns the matplotlib Axes (drawn with
    pyplot when ``ax`` is None).
    """
    from .plots import CATEGORICAL
    if ax is None:
        import matplotlib.pyplot as plt
        _figure, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    ax.axhline(0, color="grey", lw=0.8)
    for number, (cost, color) in enumerate(zip(transport_costs, CATEGORICAL)):
        gap = real_wage_gap(mu=mu, sigma=sigma, transport_cost=cost)
        table = equilibria(mu=mu, sigma=sigma, transport_cost=cost)
        draw_gap_curve(ax, gap, table, color=color, label=_f("T = {cost:g}", cost=cost), size=14 - 3.5 * number,
                       zorder=3 + number)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel(_("λ, region 1's share of manufacturing workers (fraction)"))
    ax.set_ylabel(_("real-wage gap ω1 − ω2 (farm wage = 1)"))
    from .i18n.mpl import local_ticks
    local_ticks(ax.xaxis, ax.yaxis)
    ax.set_title(_f("Real-wage gap between the regions (μ = {mu:g}, σ = {sigma:g})", mu=mu, sigma=sigma))
    ax.legend(title=_("transport cost"), frameon=False)
    return ax


def draw_tomahawk(ax, table: pd.DataFrame):
    """Scatter a tomahawk table on ``ax``: stable equilibria filled, unstable ones open and grey.

    Returns the (stable, unstable) Line2D artists for in-place updates.
    """
    from .plots import OKABE_ITO
    stable = table[table["stable"]]
    unstable = table[~table["stable"]]
    (filled,) = ax.plot(stable["transport_cost"], stable["share"], "o", color=OKABE_ITO["blue"], ms=3.5,
                        label=_("stable"))
    (hollow,) = ax.plot(unstable["transport_cost"], unstable["share"], "o", mfc="none", mec="grey", ms=3,
                        mew=0.8, label=_("unstable"))
    return filled, hollow


def plot_tomahawk(*, mu, sigma, t_min: float = 1.0, t_max: float = 3.0, ax=None):
    """The tomahawk diagram with the break point T_B and sustain point T_S marked. Returns the Axes."""
    from .plots import OKABE_ITO
    if ax is None:
        import matplotlib.pyplot as plt
        _figure, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
    table = tomahawk(mu=mu, sigma=sigma, t_min=t_min, t_max=t_max)
    draw_tomahawk(ax, table)
    for value, label, color, style in ((break_point(mu=mu, sigma=sigma), N_("break point $T_B$ = {value:.3f}"),
                                        OKABE_ITO["vermillion"], "--"),
                                       (sustain_point(mu=mu, sigma=sigma), N_("sustain point $T_S$ = {value:.3f}"),
                                        OKABE_ITO["bluish_green"], ":")):
        if t_min <= value <= t_max:
            ax.axvline(value, color=color, ls=style, lw=1.5, label=_f(label, value=value))
    ax.set_xlim(t_min, t_max)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(_("transport cost T (units shipped per unit that arrives)"))
    ax.set_ylabel(_("λ, region 1's share of manufacturing workers"))
    from .i18n.mpl import local_ticks
    local_ticks(ax.xaxis, ax.yaxis)
    ax.set_title(_f("Tomahawk diagram: equilibria against transport cost (μ = {mu:g}, σ = {sigma:g})",
                    mu=mu, sigma=sigma))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return ax
