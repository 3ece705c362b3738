"""Account numbering of new customers (SPEC §3.6)."""

from __future__ import annotations

from itertools import islice

import pytest
from pydantic import ValidationError

from gescom_sync.mapping.account_codes import account_codes, code_characters, without_accents
from gescom_sync.profiles.customers import AccountNumbering, NumberingPart

DURAND = {"shop_id": "124", "last_name": "Durand", "first_name": "Jérôme", "company": "", "postcode": "75011",
          "city": "Paris"}


def first(numbering: AccountNumbering, values: dict[str, str], n: int = 3) -> list[str]:
    return list(islice(account_codes(numbering, values), n))


def test_the_spec_example():
    numbering = AccountNumbering(prefix="WEB", parts=[NumberingPart(source="shop_id", length=3),
                                                      NumberingPart(source="last_name", length=5)],
                                 suffix="B2", counter_digits=4)
    assert first(numbering, DURAND) == ["WEB124DURANB20001", "WEB124DURANB20002", "WEB124DURANB20003"]


def test_default_is_the_prefix_and_the_shop_id_padded_to_the_account_length():
    assert first(AccountNumbering(), {"shop_id": "530"}) == ["WEB000530", "WEB00053001", "WEB00053002"]
    assert first(AccountNumbering(prefix="CEG", length=8), {"shop_id": "70"}, 1) == ["CEG00070"]


def test_numbers_are_zero_padded_and_texts_cut_without_accents():
    numbering = AccountNumbering(prefix="C", parts=[NumberingPart(source="postcode", length=2),
                                                    NumberingPart(source="first_name", length=4),
                                                    NumberingPart(source="shop_id", length=6)],
                                 counter_digits=2)
    assert first(numbering, DURAND, 2) == ["C75JERO00012401", "C75JERO00012402"]


def test_a_code_longer_than_17_characters_keeps_prefix_suffix_and_counter():
    numbering = AccountNumbering(prefix="WEB", parts=[NumberingPart(source="company", length=17)], suffix="X",
                                 counter_digits=3)
    assert first(numbering, {"company": "Bijouterie de la Côte d'Azur"}, 2) == ["WEBBIJOUTERIEX001", "WEBBIJOUTERIEX002"]


def test_missing_values_are_left_out():
    numbering = AccountNumbering(prefix="WEB", parts=[NumberingPart(source="company", length=5),
                                                      NumberingPart(source="last_name", length=5)],
                                 counter_digits=2)
    assert first(numbering, DURAND, 1) == ["WEBDURAN01"]


def test_counter_runs_out_after_its_digits():
    numbering = AccountNumbering(prefix="W", counter_digits=1, length=3)
    assert list(account_codes(numbering, {"shop_id": "7"}))[-1] == "W079"
    assert len(list(account_codes(numbering, {"shop_id": "7"}))) == 9


def test_code_characters():
    assert without_accents("Émile Zoé Lefèvre") == "Emile Zoe Lefevre"
    assert code_characters("l'Été 2-B") == "LETE2B"


def test_prefix_must_be_letters_and_digits():
    with pytest.raises(ValidationError):
        AccountNumbering(prefix="WEB-")
    assert AccountNumbering(prefix="web").prefix == "WEB"
    with pytest.raises(ValidationError):
        AccountNumbering(parts=[NumberingPart(source="shop_id", length=2)] * 5)
