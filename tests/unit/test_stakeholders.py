"""Stakeholder types: given type, then source codes, then name rules; the deciding rule is returned."""

from __future__ import annotations

import pytest

from graph.ingest.stakeholders import TYPES, classify, parse_rules, role_type, rules, sector_types


def test_a_given_type_wins() -> None:
    assert classify("Tsinghua University", given="firm") == ("firm", "given")
    assert classify("X", given="Research Institute") == ("research_institute", "given")
    assert classify("Tsinghua University", given="nonsense") == ("university", "name:university")


@pytest.mark.parametrize(
    ("sector", "name", "expected"),
    [
        ("COMPANY", "Huawei Technologies Co., Ltd.", ("firm", "psn_sector:COMPANY")),
        ("UNIVERSITY", "Tsinghua University", ("university", "psn_sector:UNIVERSITY")),
        ("INDIVIDUAL", "ZHANG, Wei", ("individual", "psn_sector:INDIVIDUAL")),
        ("HOSPITAL", "Charité", ("other", "psn_sector:HOSPITAL")),
        ("GOV NON-PROFIT", "Ministry of Defence", ("government", "psn_sector:GOV NON-PROFIT")),
        ("GOV NON-PROFIT", "中国科学院", ("research_institute", "psn_sector:GOV NON-PROFIT+name:科学院")),
        (
            "GOV NON-PROFIT",
            "Fraunhofer-Gesellschaft",
            ("research_institute", "psn_sector:GOV NON-PROFIT+name:fraunhofer"),
        ),
        ("COMPANY GOV NON-PROFIT", "Acme", ("firm", "psn_sector:COMPANY GOV NON-PROFIT")),
        (
            "GOV NON-PROFIT UNIVERSITY",
            "Tohoku University",
            ("university", "psn_sector:GOV NON-PROFIT UNIVERSITY+name:university"),
        ),
        ("UNKNOWN", "清华大学", ("university", "name:大学")),
        ("", "Huawei Technologies Co., Ltd.", ("firm", "name:co., ltd")),
    ],
)
def test_psn_sector(sector: str, name: str, expected: tuple[str, str]) -> None:
    assert classify(name, psn_sector=sector) == expected


@pytest.mark.parametrize(
    ("role", "name", "expected"),
    [
        ("03", "Huawei Technologies Co., Ltd.", ("firm", "uspto_role:03")),
        ("2", "Intel Corporation", ("firm", "uspto_role:2")),
        (
            "02",
            "The Regents of the University of California",
            ("university", "uspto_role:02+name:university"),
        ),
        (
            "02",
            "Massachusetts Institute of Technology",
            ("university", "uspto_role:02+name:institute of technology"),
        ),
        (
            "03",
            "Industrial Technology Research Institute",
            ("research_institute", "uspto_role:03+name:institute"),
        ),
        ("04", "John Smith", ("individual", "uspto_role:04")),
        ("05", "Wei Zhang", ("individual", "uspto_role:05")),
        (
            "06",
            "The United States of America as represented by the Secretary of the Navy",
            ("government", "uspto_role:06"),
        ),
        (
            "07",
            "Korea Atomic Energy Research Institute",
            ("research_institute", "uspto_role:07+name:institute"),
        ),
        ("08", "County of Los Angeles", ("government", "uspto_role:08")),
        ("13", "Sony Corp", ("firm", "uspto_role:13")),
        ("01", "Acme Inc.", ("firm", "name:inc")),
    ],
)
def test_uspto_roles(role: str, name: str, expected: tuple[str, str]) -> None:
    assert classify(name, uspto_role=role) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("深圳市华为技术有限公司", ("firm", "name:有限公司")),
        ("北京大学方正集团有限公司", ("firm", "name:有限公司")),
        ("北京大学", ("university", "name:大学")),
        ("中国科学院大学", ("university", "name:大学")),
        ("中国科学院深圳先进技术研究院", ("research_institute", "name:科学院")),
        ("深圳职业技术学院", ("university", "name:学院")),
        ("Siemens AG", ("firm", "name:ag")),
        ("Robert Bosch GmbH", ("firm", "name:gmbh")),
        ("Toyota Jidosha Kabushiki Kaisha", ("firm", "name:kabushiki kaisha")),
        ("ZTE Corporation", ("firm", "name:corporation")),
        ("Univ. of Tokyo", ("university", "name:univ")),
        ("Korea Advanced Inst. of Science", ("research_institute", "name:inst")),
        ("深圳市人民政府", ("government", "name:政府")),
        ("Mayo Clinic", ("other", "name:clinic")),
        ("Tencent", ("other", "default")),
    ],
)
def test_name_rules(name: str, expected: tuple[str, str]) -> None:
    assert classify(name) == expected


def test_person_names_from_the_source() -> None:
    assert classify("John Smith", person=True) == ("individual", "person_name")
    assert classify("Smith Holdings", person=True) == ("firm", "name:holdings")


def test_code_helpers() -> None:
    assert sector_types("COMPANY GOV NON-PROFIT") == ["firm", "government"]
    assert sector_types("UNKNOWN") == []
    assert [role_type(r) for r in ("01", "02", "3", "14", "09", "x", "")] == [
        None,
        "firm",
        "firm",
        "individual",
        "government",
        None,
        None,
    ]


def test_rules_file_is_valid_and_ordered() -> None:
    loaded = rules()
    assert {r.type for r in loaded} <= set(TYPES)
    assert [r.priority for r in loaded] == sorted(r.priority for r in loaded)
    with pytest.raises(ValueError, match="line 2: type 'company'"):
        parse_rules("priority,type,kind,pattern,note\n10,company,word,inc,\n")
    with pytest.raises(ValueError, match="line 2"):
        parse_rules("priority,type,kind,pattern,note\n10,firm,glob,inc,\n")
