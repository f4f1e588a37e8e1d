"""Files written whole or not at all: a file goes to ``NAME.partial`` beside its target and is moved into place
when it is complete, so a killed or failed run never leaves a file that looks whole (nor destroys the one
it was replacing)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def partial_of(target: Path) -> Path:
    """Where ``target`` is written until it is complete: ``target.partial``."""
    return target.with_name(target.name + ".partial")


@contextmanager
def replaced(target: Path) -> Iterator[Path]:
    """``with replaced(target) as path: write path``: ``path`` (``target.partial``, its folder made) replaces
    ``target`` when the block ends, or is removed when the block raises."""
    partial = partial_of(target)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield partial
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
