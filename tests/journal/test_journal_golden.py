"""Golden text of whole runs, in French (the merchant's SPEC §1 shape) and in English."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from gescom_sync.errors import ConnectionFailed
from gescom_sync.journal import Action, Message, RunJournal, TerminalSink, texts

PARIS = ZoneInfo("Europe/Paris")


def export_five_products(journal: RunJournal, clock) -> None:
    """The SPEC's example run: five Bijou articles, all sent."""
    clock.advance(3)
    journal.step(texts.READING_PRODUCTS)
    journal.expect(5)
    for seconds, reference, action in [
        (0, "BAOR01", Action.CREATED),
        (1, "CHAAR/VAR", Action.UPDATED),
        (1, "CHAOR42", Action.UNCHANGED),
        (2, "CHORFA", Action.CREATED),
        (1, "CHSR10", Action.UPDATED),
    ]:
        clock.advance(seconds)
        journal.item("product", reference, action)
    clock.advance(1)


def run_lines(clock, console, language: str, play) -> tuple[RunJournal, list[str]]:
    sink = TerminalSink(console, language=language, tz=PARIS)
    with RunJournal("bijou", "export_products", sinks=[sink], clock=clock) as journal:
        play(journal, clock)
    return journal, console.file.getvalue().splitlines()


def test_a_successful_run_in_french_is_the_merchants_journal(clock, plain_console):
    journal, lines = run_lines(clock, plain_console, "fr", export_five_products)

    assert lines == [
        "28/03/2022 16:21:24 - Début de l'export des articles",
        "28/03/2022 16:21:27 - Lecture des articles",
        "28/03/2022 16:21:27 -> 1/5 - BAOR01 : création",
        "28/03/2022 16:21:28 -> 2/5 - CHAAR/VAR : mise à jour",
        "28/03/2022 16:21:29 -> 3/5 - CHAOR42 : sans changement",
        "28/03/2022 16:21:31 -> 4/5 - CHORFA : création",
        "28/03/2022 16:21:32 -> 5/5 - CHSR10 : mise à jour",
        "28/03/2022 16:21:33 - Articles : 2 créations, 2 mises à jour, 1 sans changement",
        "28/03/2022 16:21:33 -> Réussi",
        "28/03/2022 16:21:33 - Fin de l'export des articles",
    ]
    assert journal.exit_code == 0


def test_the_same_run_in_english(clock, plain_console):
    _, lines = run_lines(clock, plain_console, "en", export_five_products)

    assert lines == [
        "28 Mar 2022 16:21:24 - Start of the product export",
        "28 Mar 2022 16:21:27 - Reading products",
        "28 Mar 2022 16:21:27 -> 1/5 - BAOR01: created",
        "28 Mar 2022 16:21:28 -> 2/5 - CHAAR/VAR: updated",
        "28 Mar 2022 16:21:29 -> 3/5 - CHAOR42: unchanged",
        "28 Mar 2022 16:21:31 -> 4/5 - CHORFA: created",
        "28 Mar 2022 16:21:32 -> 5/5 - CHSR10: updated",
        "28 Mar 2022 16:21:33 - Products: 2 created, 2 updated, 1 unchanged",
        "28 Mar 2022 16:21:33 -> Succeeded",
        "28 Mar 2022 16:21:33 - End of the product export",
    ]


def export_with_every_outcome(journal: RunJournal, clock) -> None:
    """One item per action, with reasons: translated, with parameters, raised, unexpected."""
    journal.step(texts.READING_PRODUCTS)
    journal.expect(6)
    journal.item("product", "BAOR01", Action.CREATED)
    journal.item("product", "CHAAR/VAR", Action.UNCHANGED)
    journal.item("product", "CHORFA", Action.SKIPPED, reason=texts.NOT_PUBLISHED)
    journal.item("product", "CHAOR42", Action.FAILED, reason=Message(texts.SHOP_REFUSED, message="SKU already used"))
    with journal.attempt("product", "CHSR10") as attempt:
        raise ConnectionFailed("boutique injoignable")
    with journal.attempt("product", "PANBLEU38") as attempt:
        attempt.done(Action.UPDATED)
    journal.warning(texts.NO_VALID_EMAIL)


def test_item_lines_say_what_happened_and_why_in_french(clock, plain_console):
    journal, lines = run_lines(clock, plain_console, "fr", export_with_every_outcome)

    assert lines[2:] == [
        "28/03/2022 16:21:24 -> 1/6 - BAOR01 : création",
        "28/03/2022 16:21:24 -> 2/6 - CHAAR/VAR : sans changement",
        "28/03/2022 16:21:24 -> 3/6 - CHORFA : ignoré (non publié sur le web)",
        "28/03/2022 16:21:24 -> 4/6 - CHAOR42 : échec (refusé par la boutique : SKU already used)",
        "28/03/2022 16:21:24 -> 5/6 - CHSR10 : échec (boutique injoignable)",
        "28/03/2022 16:21:24 -> 6/6 - PANBLEU38 : mise à jour",
        "28/03/2022 16:21:24 -> Avertissement : pas d'adresse e-mail valide",
        "28/03/2022 16:21:24 - Articles : 1 création, 1 mise à jour, 1 sans changement, 1 ignoré, 2 échecs",
        "28/03/2022 16:21:24 -> Échec",
        "28/03/2022 16:21:24 - Fin de l'export des articles",
    ]
    assert journal.exit_code == 1


def test_item_lines_in_english(clock, plain_console):
    _, lines = run_lines(clock, plain_console, "en", export_with_every_outcome)

    assert lines[4:9] == [
        "28 Mar 2022 16:21:24 -> 3/6 - CHORFA: skipped (not published on the web)",
        "28 Mar 2022 16:21:24 -> 4/6 - CHAOR42: failed (the shop refused it: SKU already used)",
        "28 Mar 2022 16:21:24 -> 5/6 - CHSR10: failed (boutique injoignable)",
        "28 Mar 2022 16:21:24 -> 6/6 - PANBLEU38: updated",
        "28 Mar 2022 16:21:24 -> Warning: no valid e-mail address",
    ]
    assert lines[-3:] == [
        "28 Mar 2022 16:21:24 - Products: 1 created, 1 updated, 1 unchanged, 1 skipped, 2 failed",
        "28 Mar 2022 16:21:24 -> Failed",
        "28 Mar 2022 16:21:24 - End of the product export",
    ]


def test_a_summary_counts_each_entity_on_its_own_line(clock, plain_console):
    def import_orders(journal: RunJournal, clock) -> None:
        journal.item("customer", "WEB000070", Action.CREATED)
        journal.item("order", "15", Action.CREATED)
        journal.item("order", "16", Action.CREATED)
        journal.item("payment", "15", Action.SKIPPED)

    sink = TerminalSink(plain_console, language="fr", tz=PARIS)
    with RunJournal("bijou", "import_orders", sinks=[sink], clock=clock) as journal:
        import_orders(journal, clock)

    assert plain_console.file.getvalue().splitlines()[1:-2] == [
        "28/03/2022 16:21:24 -> 1 - WEB000070 : création",
        "28/03/2022 16:21:24 -> 2 - 15 : création",
        "28/03/2022 16:21:24 -> 3 - 16 : création",
        "28/03/2022 16:21:24 -> 4 - 15 : ignoré",
        "28/03/2022 16:21:24 - Clients : 1 création",
        "28/03/2022 16:21:24 - Commandes : 2 créations",
        "28/03/2022 16:21:24 - Règlements : 1 ignoré",
    ]
    assert journal.counters == {"customer": {"created": 1}, "order": {"created": 2}, "payment": {"skipped": 1}}


def test_a_run_without_items_says_so(clock, plain_console):
    _, lines = run_lines(clock, plain_console, "fr", lambda journal, clock: None)

    assert lines == [
        "28/03/2022 16:21:24 - Début de l'export des articles",
        "28/03/2022 16:21:24 - Aucun élément traité",
        "28/03/2022 16:21:24 -> Réussi",
        "28/03/2022 16:21:24 - Fin de l'export des articles",
    ]
