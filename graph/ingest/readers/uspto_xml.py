"""USPTO weekly grant full-text files (``ipg*.xml``): many XML documents concatenated in one file.

The file is streamed: it is split on the ``<?xml`` declarations and each document is parsed on
its own with lxml (no DTD loading, no network). Documents other than ``us-patent-grant`` (the
sequence listings of some weeks) are skipped. DTD versions v4.0 (2005) to v4.5 are read:

* patent: ``publication-reference`` (id = ``US`` + number without leading zeros, kind),
  ``application-reference`` date (filing date and year), earliest ``priority-claim`` date
  (priority year; the filing year when there is none), ``invention-title``;
* IPC: ``classification-ipcr`` (IPC8, from section/class/subclass/main-group/subgroup) or, in
  2005, ``classification-ipc`` main and further classifications in the fixed-width IPC7 form
  (``A43B 1314``); passed as printed, the validation step normalises them;
* applicants: the ``assignees`` (organisation or person name, role code, city/state/country),
  typed by :mod:`graph.ingest.stakeholders` and placed by :mod:`graph.ingest.cities`; a patent
  without assignee has no applicant row (in pre-2013 files the inventors were the applicants);
* inventors: ``us-parties/inventors`` (v4.3+) or the ``applicant-inventor`` applicants of
  ``parties/applicants`` (older);
* citations: ``references-cited``/``us-references-cited`` patent citations (``patcit``) with the
  cited office + number as id; origin ``examiner`` for "cited by examiner", ``applicant`` for
  "cited by applicant" and for "cited by other" (the pre-2013 wording for references not added by
  the examiner), ``unknown`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from graph.ingest.readers.common import (
    Emitter,
    Notices,
    Record,
    entity_id,
    files_in,
    iso_date,
    publication_id,
    reject,
    text,
)
from graph.ingest.records import Row
from hotspot_kg.core.errors import InputError

_PARSER = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False, huge_tree=True)
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([\w.\-]+)["']""")
ORIGINS = {"cited by examiner": "examiner", "cited by applicant": "applicant", "cited by other": "applicant"}


def documents(path: Path) -> Iterator[tuple[int, bytes]]:
    """(first line, bytes) of each XML document in a concatenated file; InputError if it is not one."""
    start, lines = 0, list[bytes]()
    with path.open("rb") as f:
        head = f.read(512)
        if b"\x00" in head or not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<?xml"):
            raise InputError(
                f"{path}: not a USPTO XML file (it does not start with '<?xml'); give ipg*.xml files"
            )
        f.seek(0)
        for number, line in enumerate(f, start=1):
            line = line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line
            if line.startswith(b"<?xml") and lines:
                yield start, b"".join(lines)
                lines = []
            if not lines:
                start = number
            lines.append(line)
    if lines:
        yield start, b"".join(lines)


def _check_encoding(path: Path, start: int, doc: bytes) -> None:
    m = _ENCODING.search(doc[:200])
    encoding = m[1].decode() if m else "utf-8"
    try:
        doc.decode(encoding)
    except UnicodeDecodeError as e:
        line = start + doc[: e.start].count(b"\n")
        raise InputError(
            f"{path} line {line}: bytes that are not {encoding} ({e.reason}); re-encode the file"
        ) from None
    except LookupError:
        raise InputError(f"{path} line {start}: unknown encoding {encoding!r} declared") from None


def _t(node: etree._Element | None, path: str) -> str | None:
    if node is None:
        return None
    found = node.find(path)
    return text("".join(found.itertext())) if found is not None else None


def _ipc_codes(bib: etree._Element) -> list[str]:
    codes = []
    for c in bib.findall("classifications-ipcr/classification-ipcr"):
        parts = [_t(c, k) or "" for k in ("section", "class", "subclass", "main-group", "subgroup")]
        codes.append(f"{parts[0]}{parts[1]}{parts[2]} {parts[3]}/{parts[4]}")
    for c in bib.findall("classification-ipc"):
        for node in c.findall("main-classification") + c.findall("further-classification"):
            if node.text and node.text.strip():
                codes.append(node.text.rstrip())
    return codes


def _person(book: etree._Element) -> tuple[str | None, bool]:
    org = _t(book, "orgname")
    if org:
        return org, False
    name = " ".join(p for p in (_t(book, "first-name"), _t(book, "last-name")) if p)
    return (name or None), True


def _inventor_books(bib: etree._Element) -> list[etree._Element]:
    found = bib.findall("us-parties/inventors/inventor") + bib.findall("parties/inventors/inventor")
    if not found:
        for parties in ("parties/applicants/applicant", "us-parties/us-applicants/us-applicant"):
            found += [a for a in bib.findall(parties) if a.get("app-type") == "applicant-inventor"]
    return [b for b in (f.find("addressbook") for f in found) if b is not None]


class _Grant:
    """The records of one us-patent-grant document."""

    def __init__(self, root: etree._Element, file: str, line: int, emit: Emitter) -> None:
        self.root, self.file, self.line, self.emit = root, file, line, emit
        self.bib = root.find("us-bibliographic-data-grant")

    def records(self) -> Iterator[Record]:
        bib = self.bib
        pub = bib.find("publication-reference/document-id") if bib is not None else None
        number = _t(pub, "doc-number")
        pid = publication_id(_t(pub, "country") or "US", number) if number else None
        if bib is None or pid is None:
            yield reject(self.file, self.line, "patents", "us-patent-grant without a publication number")
            return
        yield self._patent(bib, pid)
        yield from self._ipc(bib, pid)
        yield from self._assignees(bib, pid)
        yield from self._inventors(bib, pid)
        yield from self._citations(bib, pid)

    def _patent(self, bib: etree._Element, pid: str) -> Row:
        filing = iso_date(_t(bib, "application-reference/document-id/date"))
        year = filing[:4] if filing else None
        priority = [iso_date(_t(p, "date")) for p in bib.findall("priority-claims/priority-claim")]
        years = [d[:4] for d in priority if d] + ([year] if year else [])
        values = {
            "patent_id": pid, "filing_date": filing, "year": year,
            "priority_year": min(years) if years else None, "office": "US",
            "kind": _t(bib, "publication-reference/document-id/kind"), "family_id": None,
            "title": _t(bib, "invention-title"),
        }  # fmt: skip
        return Row("patents", values, self.file, self.line)

    def _ipc(self, bib: etree._Element, pid: str) -> Iterator[Row]:
        seen: set[str] = set()
        for code in _ipc_codes(bib):
            if code not in seen:
                seen.add(code)
                yield Row(
                    "patent_ipc",
                    {"patent_id": pid, "ipc_code": code, "seq": str(len(seen))},
                    self.file,
                    self.line,
                )

    def _assignees(self, bib: etree._Element, pid: str) -> Iterator[Row]:
        for seq, node in enumerate(bib.findall("assignees/assignee"), start=1):
            book = node.find("addressbook")
            book = book if book is not None else node
            name, person = _person(book)
            if not name:
                self.emit.notice(
                    self.file, self.line, "applicants", f"{pid}: assignee {seq} has no name; skipped"
                )
                continue
            addr = book.find("address")
            city, state, country = (_t(addr, k) for k in ("city", "state", "country"))
            country = country if country and country.lower() != "unknown" else None
            aid = entity_id("app", name, country)
            city_id, cities = self.emit.place(
                self.file, self.line, city, state, country, f"{pid} assignee {name}"
            )
            yield from cities
            values = {"applicant_id": aid, "name": name, "type": None, "type_rule": None, "city_id": city_id}
            role = _t(book, "role")
            yield from self.emit.applicant(self.file, self.line, values, uspto_role=role, person=person)
            yield Row(
                "patent_applicants",
                {"patent_id": pid, "applicant_id": aid, "seq": str(seq)},
                self.file,
                self.line,
            )

    def _inventors(self, bib: etree._Element, pid: str) -> Iterator[Row]:
        for seq, book in enumerate(_inventor_books(bib), start=1):
            name, _ = _person(book)
            if not name:
                continue
            addr = book.find("address")
            city, state, country = (_t(addr, k) for k in ("city", "state", "country"))
            iid = entity_id("inv", name, country)
            city_id, cities = self.emit.place(
                self.file, self.line, city, state, country, f"{pid} inventor {name}"
            )
            yield from cities
            yield from self.emit.inventor(
                self.file, self.line, {"inventor_id": iid, "name": name, "city_id": city_id}
            )
            yield Row(
                "patent_inventors",
                {"patent_id": pid, "inventor_id": iid, "seq": str(seq)},
                self.file,
                self.line,
            )

    def _citations(self, bib: etree._Element, pid: str) -> Iterator[Row]:
        """Every patent citation; validation makes one citation per cited patent with all its origins."""
        refs = bib.findall("references-cited/citation") + bib.findall("us-references-cited/us-citation")
        for ref in refs:
            doc = ref.find("patcit/document-id")
            if doc is None:
                continue  # non-patent literature
            cited = publication_id(_t(doc, "country") or "", _t(doc, "doc-number") or "")
            if cited is None:
                self.emit.notice(
                    self.file, self.line, "citations", f"{pid}: patent citation without office or number"
                )
                continue
            if cited == pid:
                self.emit.notice(self.file, self.line, "citations", f"{pid} cites itself; skipped")
                continue
            origin = ORIGINS.get((_t(ref, "category") or "").lower(), "unknown")
            yield Row(
                "citations", {"citing_id": pid, "cited_id": cited, "origin": origin}, self.file, self.line
            )


def read_file(path: Path, emit: Emitter) -> Iterator[Record]:
    """The records of one ipg file."""
    for start, doc in documents(path):
        _check_encoding(path, start, doc)
        try:
            root = etree.fromstring(doc, _PARSER)
        except etree.XMLSyntaxError as e:
            line = start + (e.lineno or 1) - 1
            yield reject(
                str(path), line, "patents", f"XML document starting at line {start} is malformed: {e.msg}"
            )
            continue
        if root.tag != "us-patent-grant":
            continue
        yield from _Grant(root, str(path), start, emit).records()


def read(path: Path, notices: Notices | None = None) -> Iterator[Record]:
    """Records of a USPTO grant file, or of every ``ipg*.xml`` file of a folder (sorted by name)."""
    emit = Emitter(notices)
    for file in files_in(Path(path), ("ipg*.xml", "*.xml"), "USPTO grant XML files (ipg*.xml)"):
        yield from read_file(file, emit)
