"""The gazetteer: English, pinyin and Chinese names, suffixes, countries, provinces and states."""

from __future__ import annotations

import pytest

from graph.ingest.cities import City, Gazetteer, city_part, fold, gazetteer, keys

SHENZHEN = "gn:1795565"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


@pytest.mark.parametrize(
    ("name", "country", "province"),
    [
        ("深圳", None, None),
        ("深圳市", "CN", None),
        ("广东省深圳市南山区", None, None),
        ("Shenzhen", "CN", None),
        ("SHENZHEN", "CN", None),
        ("Shenzhen City", "CN", None),
        ("Shenzhen Shi", "China", None),
        ("Shenzhen, Guangdong", "CN", None),
        ("Shenzhen", "CN", "Guangdong"),
        ("Shenzhen", "CN", "广东省"),
        ("Shenzhen", "People's Republic of China", "Guangdong Province"),
    ],
)
def test_every_spelling_of_shenzhen_is_one_city(
    gaz: Gazetteer, name: str, country: str, province: str
) -> None:
    city = gaz.resolve(name, country, province)
    assert city == City(SHENZHEN, "Shenzhen", "CN", 22.54554, 114.0683, "Guangdong")


def test_the_province_decides_between_cities_of_one_name(gaz: Gazetteer) -> None:
    jiangsu, anhui = gaz.resolve("Suzhou", "CN", "Jiangsu"), gaz.resolve("Suzhou", "CN", "Anhui")
    assert jiangsu is not None and anhui is not None
    assert (jiangsu.id, anhui.id) == ("gn:1886760", "gn:1793743")
    assert gaz.resolve("Fuzhou", "CN", "福建") == gaz.resolve("Fuzhou", "CN", "Fujian")
    assert gaz.resolve("Shenzhen", "CN", "Beijing") is None  # no Shenzhen in Beijing: not guessed


def test_us_city_and_state(gaz: Gazetteer) -> None:
    ca = gaz.resolve("San Jose", "US", "CA")
    assert ca is not None and (ca.id, ca.province) == ("gn:5392171", "CA")
    assert gaz.resolve("San Jose", "US", "California") == ca
    maine, oregon = gaz.resolve("Portland", "US", "ME"), gaz.resolve("Portland", "US", "OR")
    assert maine is not None and oregon is not None and maine.id != oregon.id
    assert gaz.resolve("Kansas City", "US", "MO") is not None  # "City" is part of this name


def test_country_narrows_the_match(gaz: Gazetteer) -> None:
    costa_rica = gaz.resolve("San Jose", "CR")
    assert costa_rica is not None and costa_rica.country == "CR"
    assert gaz.resolve("Shenzhen", "XX") is None  # unknown country: unplaceable
    hong_kong = gaz.resolve("Hong Kong", "CN")  # alias file: old USPTO files say CN
    assert hong_kong is not None and hong_kong.country == "HK"


def test_a_later_part_of_the_place_is_tried(gaz: Gazetteer) -> None:
    city = gaz.resolve("Science-Based Industrial Park, Hsin-Chu", "TW")
    assert city is not None and city.name == "Hsinchu"


def test_unplaceable_places_give_none(gaz: Gazetteer) -> None:
    assert gaz.resolve("Nowhere Town", "CN") is None
    assert gaz.resolve("", "CN") is None
    assert gaz.resolve(None) is None


def test_folding_and_name_parts() -> None:
    assert fold("Xi’an") == fold("XIAN") == "xian"
    assert fold("München") == "munchen"
    assert city_part("33560 Carbon Blanc") == ("Carbon Blanc", None)
    assert city_part("I 31044 Montebelluna") == ("Montebelluna", None)
    assert city_part("广东省深圳市南山区") == ("深圳", "广东")
    assert keys("Kansas City") == ["kansascity", "kansas"]


def test_city_row_has_the_canonical_columns(gaz: Gazetteer) -> None:
    city = gaz.resolve("Shenzhen", "CN")
    assert city is not None
    assert city.row() == {
        "city_id": SHENZHEN,
        "name": "Shenzhen",
        "country": "CN",
        "lat": "22.54554",
        "lon": "114.06830",
        "province": "Guangdong",
    }


def test_population_threshold_is_checked() -> None:
    with pytest.raises(ValueError, match="min_population"):
        Gazetteer(2000)


@pytest.mark.parametrize(
    ("capital", "province"),
    [
        ("Guangzhou", "Guangdong"),
        ("Hangzhou", "Zhejiang"),
        ("Nanjing", "Jiangsu"),
        ("Wuhan", "Hubei"),
        ("Chengdu", "Sichuan"),
        ("Xi'an", "Shaanxi"),
        ("Taiyuan", "Shanxi"),
        ("Hefei", "Anhui"),
        ("Harbin", "Heilongjiang"),
        ("Shenyang", "Liaoning"),
        ("Kunming", "Yunnan"),
        ("Haikou", "Hainan"),
        ("Urumqi", "Xinjiang"),
        ("Lhasa", "Tibet"),
        ("Hohhot", "Inner Mongolia"),
        ("Beijing", "Beijing"),
    ],
)
def test_province_codes_match_the_capitals(gaz: Gazetteer, capital: str, province: str) -> None:
    city = gaz.resolve(capital, "CN", province)
    assert city is not None and city.province == province
