"""A simple model of city size: why cities grow, why they stop, and why they
may stop too late.

Every worker in a city of N people (in millions) gets

- productivity  y(N) = A * N**sigma   (agglomeration economies; sigma is the
  agglomeration elasticity: doubling N multiplies y by 2**sigma)
- cost          c(N) = B * N**tau     (commuting, congestion and rents; tau > sigma)
- net benefit   w(N) = y(N) - c(N)

w rises while the gains of size beat its costs, peaks at the optimal size

    N* = (sigma * A / (tau * B)) ** (1 / (tau - sigma))      (from w'(N*) = 0)

and then falls. People keep moving in as long as w(N) is above the outside
option w0 (what they could get elsewhere), so a city that grows by free
migration stops at the *larger* root of w(N) = w0, beyond N*: in this model
cities end up too big, because each newcomer weighs only their own w and not
the extra cost their arrival puts on everyone else.

Units are the course's own: N in millions of residents, y, c, w and w0 in
index points per worker (with A = 100, a city of one million has
productivity 100). With a circular monocentric city on equal-sized plots, the
average commute grows with the city's radius, that is with N**0.5, which
gives tau = 0.5; a long, narrow (linear) city gives tau = 1.

Sources: the inverted-U of net benefit against size and the "too big"
equilibrium follow the argument of Henderson (1974); Duranton & Puga (2004)
give a modern treatment. The range of sigma: Rosenthal & Strange (2004)
report that doubling city size raises productivity by roughly 3-8% in the
studies they survey (approximate; check the source before quoting), and
Ciccone & Hall (1996) find about 6% for doubling employment density. Full
references: ``klaster.bibliography``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import KlasterTypeError, KlasterValueError
from .i18n import _, _f

#: Productivity gain from doubling city size reported in the literature
#: (Rosenthal & Strange 2004: roughly 3-8%; approximate).
LITERATURE_DOUBLING_GAIN = (0.03, 0.08)


def _number(value, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise KlasterTypeError(_f("{name} must be a number, not {kind} {value!r:.40}.", name=name,
                                  kind=type(value).__name__, value=value))
    value = float(value)
    if not math.isfinite(value):
        raise KlasterValueError(_f("{name} must be a finite number, not {value}.", name=name, value=value))
    return value


def sigma_from_doubling_gain(gain: float) -> float:
    """The elasticity sigma at which doubling N raises productivity by ``gain``.

    2**sigma = 1 + gain, so sigma = log2(1 + gain). For example a gain of
    0.05 (5%) gives sigma = 0.0704.
    """
    gain = _number(gain, "gain")
    if gain <= -1:
        raise KlasterValueError(_f("A doubling gain of {gain:g} would make productivity zero or negative; "
                                   "give it as a fraction such as 0.05 for 5%.", gain=gain))
    return math.log2(1 + gain)


def doubling_gain(sigma: float) -> float:
    """The proportional rise in productivity when N doubles: 2**sigma - 1 (0.05 means 5%)."""
    return 2 ** _number(sigma, "sigma") - 1


#: The literature's range expressed as elasticities: about (0.043, 0.111).
LITERATURE_SIGMA = tuple(sigma_from_doubling_gain(g) for g in LITERATURE_DOUBLING_GAIN)


@dataclass(frozen=True)
class CitySizeModel:
    """Productivity y = A N^sigma, cost c = B N^tau and net benefit w = y - c per worker.

    All four parameters must be positive and tau must exceed sigma (costs
    must eventually grow faster than the gains, or the city would grow
    without limit). N is in millions of residents; y, c and w in index
    points per worker.
    """

    A: float = 100.0
    sigma: float = 0.06
    B: float = 6.0
    tau: float = 0.5

    def __post_init__(self):
        for name in ("A", "sigma", "B", "tau"):
            value = _number(getattr(self, name), name)
            if value <= 0:
                raise KlasterValueError(_f("{name} must be above zero in the city-size model, but it is {value:g}.",
                                           name=name, value=value))
            object.__setattr__(self, name, value)
        if self.tau <= self.sigma:
            raise KlasterValueError(
                _f("The cost elasticity tau ({tau:g}) must be larger than the agglomeration elasticity "
                   "sigma ({sigma:g}); otherwise costs never catch up with the gains and the city has "
                   "no best size.", tau=self.tau, sigma=self.sigma)
            )

    # -- the three curves --------------------------------------------------
    def _sizes(self, N):
        if isinstance(N, pd.Series):
            values = N.to_numpy(dtype=float)
        elif np.ndim(N) == 0:
            values = np.array([_number(N, "N")])
        else:
            try:
                values = np.asarray(N, dtype=float).ravel()
            except (TypeError, ValueError):
                raise KlasterTypeError(_("City sizes N must be numbers.")) from None
        if values.size == 0:
            raise KlasterValueError(_("Give at least one city size N."))
        if not np.isfinite(values).all() or (values <= 0).any():
            bad = values[~np.isfinite(values) | (values <= 0)][0]
            raise KlasterValueError(_f("City sizes must be above zero (millions of residents), but one is {bad:g}.",
                                       bad=bad))
        return values

    def _apply(self, N, values):
        if isinstance(N, pd.Series):
            return pd.Series(values, index=N.index)
        if np.ndim(N) == 0:
            return float(values[0])
        return values

    def productivity(self, N):
        """y(N) = A N^sigma: output per worker in a city of N million."""
        return self._apply(N, self.A * self._sizes(N) ** self.sigma)

    def cost(self, N):
        """c(N) = B N^tau: commuting, congestion and housing cost per worker."""
        return self._apply(N, self.B * self._sizes(N) ** self.tau)

    def net_benefit(self, N):
        """w(N) = A N^sigma - B N^tau: what a worker keeps."""
        sizes = self._sizes(N)
        return self._apply(N, self.A * sizes ** self.sigma - self.B * sizes ** self.tau)

    def marginal_net_benefit(self, N):
        """w'(N) = sigma A N^(sigma-1) - tau B N^(tau-1); zero at the optimum."""
        sizes = self._sizes(N)
        return self._apply(N, self.sigma * self.A * sizes ** (self.sigma - 1)
                           - self.tau * self.B * sizes ** (self.tau - 1))

    def curve(self, sizes) -> pd.DataFrame:
        """The three curves on a grid of sizes: a DataFrame indexed by N (millions).

        Columns productivity, cost and net_benefit (index points per worker).
        """
        grid = self._sizes(sizes)
        frame = pd.DataFrame({
            "productivity": self.A * grid ** self.sigma,
            "cost": self.B * grid ** self.tau,
        }, index=pd.Index(grid, name="N"))
        frame["net_benefit"] = frame["productivity"] - frame["cost"]
        return frame

    # -- the two sizes -----------------------------------------------------
    def optimal_size(self) -> float:
        """N* = (sigma A / (tau B))^(1 / (tau - sigma)), where w'(N*) = 0 and w is largest."""
        return (self.sigma * self.A / (self.tau * self.B)) ** (1 / (self.tau - self.sigma))

    def best_net_benefit(self) -> float:
        """w(N*), the most a city of any size can offer a worker."""
        return self.net_benefit(self.optimal_size())

    def _check_outside(self, outside_option) -> float:
        w0 = _number(outside_option, "outside_option")
        if w0 < 0:
            raise KlasterValueError(_f("The outside option w0 must be zero or positive in this model, not {w0:g}.",
                                       w0=w0))
        best = self.best_net_benefit()
        if w0 > best:
            raise KlasterValueError(
                _f("No city size pays as much as the outside option: the best net benefit is "
                   "{best:.4g} (at N* = {optimum:.4g} million) but w0 = {w0:.4g}, so nobody "
                   "moves in and there is no equilibrium size. Lower w0 or the cost parameter B.",
                   best=best, optimum=self.optimal_size(), w0=w0)
            )
        return w0

    def equilibrium_size(self, outside_option: float, rel_tol: float = 1e-12) -> float:
        """The larger size at which w(N) = w0: where moving in stops paying.

        Found by bisection between N* (where w >= w0) and an upper bound
        doubled until w < w0. This is the stable equilibrium of free
        migration: above it w < w0 and people leave, below it (but above N*)
        w > w0 and people come. Always at least N*.
        """
        w0 = self._check_outside(outside_option)
        low = self.optimal_size()
        high = 2 * low
        while self.net_benefit(high) >= w0:
            high *= 2
        return _bisect(self.net_benefit, w0, low, high, rel_tol, decreasing=True)

    def smallest_viable_size(self, outside_option: float, rel_tol: float = 1e-12) -> float:
        """The smaller root of w(N) = w0 (0 when w0 = 0): an unstable threshold.

        A city below this size offers less than the outside option, so it
        cannot attract its first residents on its own; one above it grows
        towards ``equilibrium_size``.
        """
        w0 = self._check_outside(outside_option)
        if w0 == 0:
            return 0.0
        high = self.optimal_size()
        low = high / 2
        while self.net_benefit(low) > w0:
            low /= 2
            if low < 1e-250:  # w0 is so small that the threshold is zero in floating point
                return 0.0
        return _bisect(self.net_benefit, w0, low, high, rel_tol, decreasing=False)

    def summary(self, outside_option: float) -> pd.Series:
        """The model's key numbers for one outside option, labelled."""
        optimum = self.optimal_size()
        equilibrium = self.equilibrium_size(outside_option)
        return pd.Series({
            "doubling_gain": doubling_gain(self.sigma),
            "optimal_size": optimum,
            "best_net_benefit": self.best_net_benefit(),
            "equilibrium_size": equilibrium,
            "equilibrium_net_benefit": self.net_benefit(equilibrium),
            "oversize_ratio": equilibrium / optimum,
            "loss_per_worker": self.best_net_benefit() - float(outside_option),
        }, name="city_size_model")


def _bisect(f, target: float, low: float, high: float, rel_tol: float, decreasing: bool) -> float:
    """Root of f(N) = target in [low, high] by bisection, f monotone on the interval."""
    for _round in range(200):
        middle = 0.5 * (low + high)
        above = f(middle) >= target
        if above == decreasing:
            low = middle
        else:
            high = middle
        if high - low <= rel_tol * high:
            break
    return 0.5 * (low + high)


def optimal_size(A: float = 100.0, sigma: float = 0.06, B: float = 6.0, tau: float = 0.5) -> float:
    """N* of ``CitySizeModel(A, sigma, B, tau)``: the size with the largest net benefit per worker."""
    return CitySizeModel(A=A, sigma=sigma, B=B, tau=tau).optimal_size()


def equilibrium_size(outside_option: float, A: float = 100.0, sigma: float = 0.06, B: float = 6.0,
                     tau: float = 0.5) -> float:
    """The larger root of w(N) = w0 of ``CitySizeModel(A, sigma, B, tau)``."""
    return CitySizeModel(A=A, sigma=sigma, B=B, tau=tau).equilibrium_size(outside_option)
