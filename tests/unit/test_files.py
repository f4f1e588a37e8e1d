"""Files written whole or not at all (:mod:`hotspot_kg.core.files`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotspot_kg.core.files import partial_of, replaced


def test_a_complete_file_replaces_the_target_and_its_folder_is_made(tmp_path: Path) -> None:
    target = tmp_path / "new" / "rejects.csv"
    with replaced(target) as path:
        assert path == partial_of(target) == tmp_path / "new" / "rejects.csv.partial"
        path.write_text("a,b\n", encoding="utf-8")
        assert not target.exists()  # not before the block ends
    assert target.read_text(encoding="utf-8") == "a,b\n" and not path.exists()
    with replaced(target) as path:
        path.write_text("c\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "c\n"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), replaced(target) as path:
        path.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old" and not partial_of(target).exists()
