"""The click options of the study's units (``unit``, ``scope``, ``geo_unit`` and the cluster switches),
shared by ``analyze`` and ``export``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from analytics.switches import CLUSTER_POINTS, GEO_UNITS, GII_MIN_WEIGHT, GII_RADIUS_KM, SCOPES, UNITS

F = Callable[..., Any]


def unit_options(func: F) -> F:
    """Add --unit, --scope, --geo-unit, --cluster-points, --cluster-radius-km and --cluster-min-weight."""
    options = [
        click.option(
            "--unit", type=click.Choice(UNITS), help="What one counted invention is (default patent)."
        ),
        click.option(
            "--scope",
            type=click.Choice(SCOPES),
            help="international: only families in two or more offices, or with a PCT member (default all).",
        ),
        click.option(
            "--geo-unit",
            type=click.Choice(GEO_UNITS),
            help="Compute for cities or GII-style clusters (default city).",
        ),
        click.option(
            "--cluster-points",
            type=click.Choice(CLUSTER_POINTS),
            help="Clusters: whose locations are the points (default inventor).",
        ),
        click.option(
            "--cluster-radius-km",
            type=click.FloatRange(min=0, min_open=True),
            help=f"Clusters: DBSCAN radius in km (default {GII_RADIUS_KM:g}, the GII's).",
        ),
        click.option(
            "--cluster-min-weight",
            type=click.FloatRange(min=0, min_open=True),
            help=f"Clusters: DBSCAN minimum weight of a core point's neighbourhood (default {GII_MIN_WEIGHT:g}).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
