"""`gescom-sync watermark show|set|clear`, run as the console script runs it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from gescom_sync.state import StateStore

pytestmark = pytest.mark.usefixtures("paris_time", "profiles")


@pytest.fixture
def profiles(tmp_path) -> None:
    """Profiles "bijou" and "other" exist; none is the default."""
    from gescom_sync.profiles import Profile, Sage100Backoffice, save_profile

    for name in ("bijou", "other"):
        save_profile(Profile(name=name, backoffice=Sage100Backoffice(url=str(tmp_path / f"{name}.sqlite"))))


def _stored(state_url: str) -> list[tuple[str, str, datetime]]:
    with StateStore.open(state_url) as store:
        return [(w.profile, w.operation, w.value) for w in store.watermarks.list()]


def test_set_takes_local_time_and_show_prints_it_back(cli, state_url: str) -> None:
    done = cli("watermark", "set", "--profile", "bijou", "update_stock", "2024-03-28 16:21")

    assert done.exit_code == 0, done.stderr
    assert "28/03/2024 16:21:00" in done.stdout
    assert _stored(state_url) == [("bijou", "update_stock", datetime(2024, 3, 28, 15, 21, tzinfo=UTC))]  # CET
    shown = cli("watermark", "show")
    assert shown.exit_code == 0
    assert "Date de dernier transfert" in shown.stdout
    assert "bijou" in shown.stdout and "update_stock" in shown.stdout and "28/03/2024 16:21:00" in shown.stdout


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        (["2024-03-28"], datetime(2024, 3, 27, 23, 0, tzinfo=UTC)),
        (["2024-07-14", "09:30"], datetime(2024, 7, 14, 7, 30, tzinfo=UTC)),  # CEST, time as its own argument
        (["2024-07-14T09:30:00+00:00"], datetime(2024, 7, 14, 9, 30, tzinfo=UTC)),
        (["2024-07-14T09:30:00Z"], datetime(2024, 7, 14, 9, 30, tzinfo=UTC)),
        (["14/07/2024 09:30:05"], datetime(2024, 7, 14, 7, 30, 5, tzinfo=UTC)),
    ],
)
def test_set_accepts_the_documented_forms(cli, state_url: str, typed: list[str], utc: datetime) -> None:
    done = cli("watermark", "set", "--profile", "bijou", "import_orders", *typed)
    assert done.exit_code == 0, done.stderr
    assert _stored(state_url) == [("bijou", "import_orders", utc)]


def test_show_json_gives_utc_iso_dates_and_filters_by_profile(cli) -> None:
    cli("watermark", "set", "--profile", "bijou", "update_prices", "2024-03-28 16:21")
    cli("watermark", "set", "--profile", "other", "update_prices", "2024-01-02")

    done = cli("watermark", "show", "--profile", "bijou", "--json")

    assert done.exit_code == 0
    assert json.loads(done.stdout) == [
        {"profile": "bijou", "operation": "update_prices", "value": "2024-03-28T15:21:00+00:00"}
    ]


def test_show_in_english(cli) -> None:
    cli("watermark", "set", "--profile", "bijou", "update_prices", "2024-03-28 16:21")
    done = cli("--lang", "en", "watermark", "show")
    assert "Last transfer date" in done.stdout and "2024-03-28 16:21:00" in done.stdout
    assert "No last transfer date is recorded." in cli("--lang", "en", "watermark", "show", "--profile", "x").stdout


def test_a_bad_date_says_what_where_and_what_is_expected(cli, state_url: str) -> None:
    done = cli("watermark", "set", "--profile", "bijou", "update_stock", "31/02/2024")

    assert done.exit_code == 2
    assert done.error.startswith("Date '31/02/2024' invalide pour l'argument VALUE de « watermark set »")
    assert "2024-03-28 16:21" in done.error
    assert "Traceback" not in done.stderr
    assert _stored(state_url) == []


def test_an_unknown_operation_or_a_future_date_is_refused(cli, state_url: str) -> None:
    unknown = cli("watermark", "set", "--profile", "bijou", "update_stocks", "2024-03-28")
    future = cli("watermark", "set", "--profile", "bijou", "update_stock", "2999-01-01")

    assert unknown.exit_code == 2 and "'update_stocks'" in unknown.error and "update_stock," in unknown.error
    assert future.exit_code == 2 and "'2999-01-01'" in future.error and "futur" in future.error
    assert _stored(state_url) == []


def test_clear_one_operation_then_all(cli, state_url: str) -> None:
    for operation in ("update_stock", "update_prices", "import_orders"):
        cli("watermark", "set", "--profile", "bijou", operation, "2024-03-28")
    cli("watermark", "set", "--profile", "other", "update_stock", "2024-03-28")

    one = cli("watermark", "clear", "--profile", "bijou", "update_prices")
    assert one.exit_code == 0 and "1 date de dernier transfert effacée pour le profil bijou." in one.stdout
    every = cli("watermark", "clear", "--profile", "bijou", "--all")
    assert every.exit_code == 0 and "2 dates de dernier transfert effacées pour le profil bijou." in every.stdout
    assert [(p, o) for p, o, _ in _stored(state_url)] == [("other", "update_stock")]


def test_clear_needs_an_operation_or_all_but_not_both(cli, state_url: str) -> None:
    cli("watermark", "set", "--profile", "bijou", "update_stock", "2024-03-28")

    neither = cli("watermark", "clear", "--profile", "bijou")
    both = cli("watermark", "clear", "--profile", "bijou", "update_stock", "--all")

    assert neither.exit_code == 2 and both.exit_code == 2
    assert "--all" in neither.error
    assert len(_stored(state_url)) == 1


def test_set_and_clear_use_the_default_profile(cli, state_url: str) -> None:
    from gescom_sync.profiles import set_default_profile

    missing = cli("watermark", "set", "update_stock", "2024-03-28")
    assert missing.exit_code == 2 and "--profile" in missing.error and "profile default" in missing.error

    set_default_profile("other")
    assert cli("watermark", "set", "update_stock", "2024-03-28").exit_code == 0
    assert _stored(state_url) == [("other", "update_stock", datetime(2024, 3, 27, 23, 0, tzinfo=UTC))]
    assert cli("watermark", "clear", "--all").exit_code == 0
    assert _stored(state_url) == []


def test_set_for_a_profile_that_does_not_exist_is_refused(cli, state_url: str) -> None:
    done = cli("watermark", "set", "--profile", "bijuo", "update_stock", "2024-03-28")

    assert done.exit_code == 2
    assert done.error == "Il n'existe pas de profil 'bijuo' (voir « gescom-sync profile list »)."
    assert _stored(state_url) == []
