"""``hotspot-kg generate``: write a synthetic (SIMULATED) patent universe as a canonical CSV folder."""

from __future__ import annotations

from pathlib import Path

import click

from graph.ingest.synthetic import generate


@click.command(name="generate")
@click.option(
    "--patents", "-n", type=int, default=200_000, show_default=True, help="Number of patents to write."
)
@click.option(
    "--seed", "-s", type=int, default=0, show_default=True, help="Random seed; same seed, same bytes."
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write (created if missing; existing CSV files are overwritten).",
)
@click.option(
    "--family-share",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Share of inventions also filed in 1-3 other offices (their families); 0 writes what it always wrote.",
)
@click.option(
    "--pct-share",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Of the inventions filed in several offices, the share with a PCT filing (office WO).",
)
@click.option(
    "--citations-per-patent",
    type=click.FloatRange(0, 200),
    default=None,
    help="Average citations a patent makes (e.g. 16, as in PatentsView) [default: the calibration, about 3].",
)
def generate_command(
    patents: int,
    seed: int,
    out: Path,
    family_share: float,
    pct_share: float,
    citations_per_patent: float | None,
) -> None:
    """Write a SIMULATED patent universe calibrated to WIPO's Shenzhen study.

    The folder holds the canonical CSV files (patents, applicants, inventors, links, IPC codes,
    citations, cities, ownership) and SIMULATION.txt. Cities and IPC codes are real; patents,
    applicants, inventors and citations are invented (ids start with SIM-). See docs/synthetic.md.

    Example:

        hotspot-kg generate --patents 200000 --seed 1 --out data/synthetic

        hotspot-kg generate --patents 20000 --family-share 0.2 --out data/with-families
    """
    summary = generate(
        out, patents=patents, seed=seed, family_share=family_share, pct_share=pct_share,
        citations_per_patent=citations_per_patent,
    )  # fmt: skip
    full = summary.full_scale
    rows = ", ".join(f"{k} {v:,}" for k, v in summary.rows.items())
    click.echo(
        f"Wrote a SIMULATION of {patents:,} patents ({patents / full:.1%} of full scale, "
        f"{full:,}) to {summary.out} in {summary.seconds:.1f} s: {rows}"
    )
