"""Measures of clusters and agglomeration.

An employment matrix is a pandas DataFrame with regions as the index,
industries as the columns and non-negative numbers of jobs in the cells; the
nation is the sum of all rows. No function here changes its input.
"""
from .concentration import gini, herfindahl, hoover_localization, locational_gini, lorenz_curve
from .ellison_glaeser import ellison_glaeser
from .location import krugman_index, location_quotient, location_quotient_from_counts
from .portfolio import GROWTH_MEASURES, QUADRANTS, cluster_portfolio
from .shift_share import esteban_marquillas, shift_share
from .specialisation import shannon_diversity
from .stars import cluster_stars
from .tables import to_long, to_matrix

__all__ = [
    "location_quotient", "location_quotient_from_counts", "krugman_index", "shannon_diversity",
    "cluster_stars", "cluster_portfolio", "GROWTH_MEASURES", "QUADRANTS", "hoover_localization", "locational_gini",
    "lorenz_curve", "gini", "herfindahl", "shift_share", "esteban_marquillas",
    "ellison_glaeser", "to_matrix", "to_long",
]
