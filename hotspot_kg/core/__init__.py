"""The ground layer: settings, the driver and query runner, errors and the query library loader.

Everything may import it; it imports nothing of the project above it (``graph``, ``analytics``, the
faces). The layers are stated in ``pyproject.toml`` ([tool.importlinter]) and checked by a test.
"""

__version__ = "0.1.0"
