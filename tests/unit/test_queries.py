from __future__ import annotations

from pathlib import Path

import pytest

from hotspot_kg.core import queries
from hotspot_kg.core.errors import QueryError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q.cypher"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_gives_doc_and_defaults(tmp_path: Path) -> None:
    q = queries.parse(
        write(
            tmp_path,
            (
                "// Patents per year.\n// Second line.\n// :param first => 1980\n// :param cities => null\n"
                "// :param levels => ['subclass', 'group']\n// :param opts => {counting: 'fractional', on: true}\n"
                "MATCH (p:Patent) WHERE p.year >= $first AND ($cities IS NULL OR p.city IN $cities)\n"
                "RETURN $levels, $opts, '$notaparam' AS s\n"
            ),
        )
    )
    assert q.name == "q"
    assert q.doc == "Patents per year.\nSecond line."
    assert q.defaults == {
        "first": 1980,
        "cities": None,
        "levels": ["subclass", "group"],
        "opts": {"counting": "fractional", "on": True},
    }
    assert q.bind({"first": 2000}) == {
        "first": 2000,
        "cities": None,
        "levels": ["subclass", "group"],
        "opts": {"counting": "fractional", "on": True},
    }


def test_undeclared_parameter_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "// Doc.\nMATCH (n)\nWHERE n.x = $x\nRETURN n\n")
    with pytest.raises(QueryError, match=rf"{path}:3: \$x is used but not declared"):
        queries.parse(path)


def test_unused_declaration_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "// Doc.\n// :param y => 1\nRETURN 1\n")
    with pytest.raises(QueryError, match=rf"{path}:2: \$y is declared but never used"):
        queries.parse(path)


def test_missing_doc_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="opens with a // comment"):
        queries.parse(write(tmp_path, "RETURN 1\n"))


def test_bind_refuses_unknown_and_missing(tmp_path: Path) -> None:
    q = queries.parse(write(tmp_path, "// Doc.\n// :param a => required\nRETURN $a\n"))
    with pytest.raises(QueryError, match="needs a value for a"):
        q.bind()
    with pytest.raises(QueryError, match="takes no parameter b"):
        q.bind({"a": 1, "b": 2})
    assert q.bind({"a": 1}) == {"a": 1}


def test_statements_split_at_semicolons(tmp_path: Path) -> None:
    q = queries.parse(
        write(
            tmp_path,
            "// Doc.\nCREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;\n"
            "// between\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x);\n",
        )
    )
    assert len(q.statements()) == 2


def test_unknown_query_lists_the_known_ones() -> None:
    with pytest.raises(QueryError, match="no query named 'nope'"):
        queries.load("nope")


@pytest.mark.parametrize("name", queries.names())
def test_every_query_file_loads(name: str) -> None:
    q = queries.load(name)
    assert q.doc and q.text.strip()
