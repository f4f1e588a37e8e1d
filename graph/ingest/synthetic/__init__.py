"""A synthetic patent universe calibrated to WIPO's Shenzhen study (a SIMULATION, not real data).

``generate(out, patents=N, seed=S)`` writes the canonical CSV folder (see docs/synthetic.md).
"""

from __future__ import annotations

from graph.ingest.synthetic.generate import full_scale_patents, generate

__all__ = ["full_scale_patents", "generate"]
