"""Measures of clusters and agglomeration.

An employment matrix is a pandas DataFrame with regions as the index,
industries as the columns and non-negative numbers of jobs in the cells; the
nation is the sum of all rows (location quotients, shift-share, the dynamic
LQ, the Klassen typology and dynamic shift-share can instead compare with a
published reference row, see ``klaster.data.pdrb_matrix``). No function here
changes its input. Input-output measures take an inter-industry table
(sectors x sectors) and total output.
"""
from .coagglomeration import coagglomeration, coagglomeration_matrix
from .concentration import gini, herfindahl, hoover_localization, locational_gini, lorenz_curve
from .dynamic_lq import BASIS_DYNAMICS, basis_dynamics, dynamic_location_quotient
from .dynamic_shift_share import dynamic_shift_share
from .ellison_glaeser import ellison_glaeser
from .input_output import (LINKAGE_CLASSES, ghosh_inverse, leontief_inverse, linkages, output_multipliers,
                           technical_coefficients)
from .klassen import KLASSEN, basis_sectors, klassen_typology
from .location import krugman_index, location_quotient, location_quotient_from_counts
from .portfolio import GROWTH_MEASURES, QUADRANTS, cluster_portfolio
from .shift_share import esteban_marquillas, shift_share
from .specialisation import shannon_diversity
from .stars import cluster_stars
from .tables import to_long, to_matrix
from .theil import theil_decomposition, theil_index

__all__ = [
    "location_quotient", "location_quotient_from_counts", "krugman_index", "shannon_diversity",
    "cluster_stars", "cluster_portfolio", "GROWTH_MEASURES", "QUADRANTS", "hoover_localization", "locational_gini",
    "lorenz_curve", "gini", "herfindahl", "shift_share", "esteban_marquillas",
    "ellison_glaeser", "to_matrix", "to_long",
    "dynamic_location_quotient", "basis_dynamics", "BASIS_DYNAMICS", "basis_sectors", "klassen_typology",
    "KLASSEN", "technical_coefficients", "leontief_inverse", "output_multipliers", "ghosh_inverse", "linkages",
    "LINKAGE_CLASSES", "dynamic_shift_share", "theil_index", "theil_decomposition", "coagglomeration",
    "coagglomeration_matrix",
]
