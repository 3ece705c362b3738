"""Events -> the journal's human lines (SPEC §1), in any language that has a catalogue.

::

    28/03/2022 16:21:24 - Début de l'export des articles
    28/03/2022 16:21:27 -> 1/5 - BAOR01 : créé
    28/03/2022 16:21:34 -> Réussi
    28/03/2022 16:21:34 - Fin de l'export des articles

Rendering takes the language explicitly (not the process's current one), so the live
terminal, the profile's log file and ``gescom-sync log --lang`` can each use their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from babel.dates import format_datetime

from gescom_sync.i18n import translations
from gescom_sync.journal.events import N_, Action, Event, EventKind, Message, N_plural, RunStatus
from gescom_sync.operations.registry import OPERATIONS

# Translators: the CLDR pattern of the time stamp that starts every journal line.
TIMESTAMP_PATTERN = N_("dd MMM yyyy HH:mm:ss")

ACTION_LABELS = {
    Action.CREATED: N_("created"),
    Action.UPDATED: N_("updated"),
    Action.UNCHANGED: N_("unchanged"),
    Action.SKIPPED: N_("skipped"),
    Action.FAILED: N_("failed"),
}

STATUS_LABELS = {
    RunStatus.SUCCEEDED: N_("Succeeded"),
    RunStatus.SUCCEEDED_WITH_WARNINGS: N_("Succeeded with warnings"),
    RunStatus.FAILED: N_("Failed"),
}

# Entities as the summary names them; an entity missing here is shown by its key.
ENTITY_LABELS = {
    "category": N_("Categories"),
    "product": N_("Products"),
    "variant": N_("Variants"),
    "image": N_("Images"),
    "document": N_("Documents"),
    "feature": N_("Features"),
    "attribute": N_("Attributes"),
    "brand": N_("Brands"),
    "stock": N_("Stock levels"),
    "price": N_("Prices"),
    "specific_price": N_("Specific prices"),
    "customer_group": N_("Customer groups"),
    "customer": N_("Customers"),
    "contact": N_("Contacts"),
    "address": N_("Addresses"),
    "prospect": N_("Prospects"),
    "order": N_("Orders"),
    "order_status": N_("Order statuses"),
    "payment": N_("Payments"),
    "pending_item": N_("Pending items"),
    "invoice": N_("Invoices"),
    "return": N_("Returns"),
    "credit_note": N_("Credit notes"),
}


class Renderer:
    """Renders events in one language and one time zone (``None``: the machine's)."""

    def __init__(self, language: str, tz: tzinfo | None = None) -> None:
        self.language = language
        self.tz = tz
        self._catalogue = translations(language)
        self._stamp: tuple[datetime, str] | None = None

    def tr(self, msgid: str) -> str:
        return self._catalogue.gettext(msgid)

    def text(self, message: Message) -> str:
        if message.literal:
            return message.msgid
        return self.tr(message.msgid).format(**message.params)

    def timestamp(self, at: datetime) -> str:
        # Stamps show whole seconds and a run journals thousands of events per second:
        # Babel's formatting is done once per second.
        second = at.replace(microsecond=0)
        if self._stamp is None or self._stamp[0] != second:
            local = second.astimezone(self.tz)
            self._stamp = (second, format_datetime(local, self.tr(TIMESTAMP_PATTERN), tzinfo=local.tzinfo, locale=self.language))
        return self._stamp[1]

    def lines(self, event: Event) -> list[str]:
        """The journal lines of ``event``, each starting with its time stamp."""
        stamp = self.timestamp(event.at)
        return [f"{stamp} {body}" for body in self._bodies(event)]

    def text_of(self, event: Event) -> str:
        """The lines of ``event`` without time stamps (for JSON output)."""
        return "\n".join(body.removeprefix("- ").removeprefix("-> ") for body in self._bodies(event))

    def _bodies(self, event: Event) -> list[str]:
        data = event.data
        match event.kind:
            case EventKind.STARTED:
                return [f"- {self._operation_text(data['operation'], 'start')}"]
            case EventKind.STEP:
                return [f"- {self.text(Message.from_data(data['message']))}"]
            case EventKind.ITEM:
                return [f"-> {self._item(data)}"]
            case EventKind.WARNING:
                return [
                    "-> " + self.tr("Warning: {message}").format(message=self.text(Message.from_data(data["message"])))
                ]
            case EventKind.ERROR:
                return [
                    "-> " + self.tr("Error: {message}").format(message=self.text(Message.from_data(data["message"])))
                ]
            case EventKind.SUMMARY:
                return [f"- {line}" for line in self._summary(data["counters"], data.get("entities"))]
            case EventKind.FINISHED:
                status = self.tr(STATUS_LABELS[RunStatus(data["status"])])
                return [f"-> {status}", f"- {self._operation_text(data['operation'], 'end')}"]
        raise ValueError(f"unknown journal event kind {event.kind!r}")

    def _operation_text(self, operation_id: str, which: str) -> str:
        operation = OPERATIONS.get(operation_id)
        if operation is None:  # a run stored by a version that knew more operations
            return operation_id
        return self.tr(operation.start if which == "start" else operation.end)

    def _item(self, data: dict[str, Any]) -> str:
        position = f"{data['index']}/{data['total']}" if data.get("total") else str(data["index"])
        action = self.tr(ACTION_LABELS[Action(data["action"])])
        if data.get("reason"):
            reason = self.text(Message.from_data(data["reason"]))
            outcome = self.tr("{key}: {action} ({reason})").format(key=data["key"], action=action, reason=reason)
        else:
            outcome = self.tr("{key}: {action}").format(key=data["key"], action=action)
        return f"{position} - {outcome}"

    def _summary(self, counters: dict[str, dict[str, int]], entities: list[str] | None) -> list[str]:
        if not counters:
            return [self.tr("No item processed")]
        return [
            self.tr("{entity}: {counts}").format(entity=self._entity(entity), counts=self._counts(counters[entity]))
            for entity in entities or sorted(counters)
        ]

    def _entity(self, entity: str) -> str:
        label = ENTITY_LABELS.get(entity)
        return self.tr(label) if label else entity

    def _counts(self, by_action: dict[str, int]) -> str:
        parts = []
        for action in Action:
            count = by_action.get(action, 0)
            if count:
                singular, plural = COUNT_LABELS[action]
                parts.append(self._catalogue.ngettext(singular, plural, count).format(count=count))
        return ", ".join(parts)


# (singular, plural) msgids of each action's counter in the summary.
COUNT_LABELS = {
    Action.CREATED: N_plural("{count} created", "{count} created"),
    Action.UPDATED: N_plural("{count} updated", "{count} updated"),
    Action.UNCHANGED: N_plural("{count} unchanged", "{count} unchanged"),
    Action.SKIPPED: N_plural("{count} skipped", "{count} skipped"),
    Action.FAILED: N_plural("{count} failed", "{count} failed"),
}


def render_lines(events: Iterable[Event], language: str, tz: tzinfo | None = None) -> list[str]:
    """Every journal line of ``events``, in order."""
    renderer = Renderer(language, tz)
    return [line for event in events for line in renderer.lines(event)]
