"""What a run of the order import selects: a period preset or days (the shop's days, made
moments in its time zone by the run), and the options of SPEC §3.6."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

PERIODS = ("today", "yesterday", "this-week", "last-week", "last-7-days", "this-month", "last-month")


def period_dates(period: str, today: date) -> tuple[date, date]:
    """The first and last day of a period preset (weeks run Monday to Sunday)."""
    check_period(period)
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    ranges = {
        "today": (today, today),
        "yesterday": (today - timedelta(days=1), today - timedelta(days=1)),
        "this-week": (monday, monday + timedelta(days=6)),
        "last-week": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "last-7-days": (today - timedelta(days=6), today),
        "this-month": (first_of_month, _month_end(today)),
        "last-month": (last_month_end.replace(day=1), last_month_end),
    }
    return ranges[period]


def check_period(period: str) -> None:
    if period not in PERIODS:
        raise ConfigError(_("Unknown period {period!r}; expected one of: {periods}.").format(
            period=period, periods=", ".join(PERIODS)))


def _month_end(day: date) -> date:
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month - timedelta(days=1)


@dataclass(frozen=True)
class OrderSelection:
    """What the user asked: the days ``first`` to ``last`` included (either may be open) or a
    ``period`` preset, the options of SPEC §3.6, and an orders file to read instead of the shop.
    The days are the shop's: a preset counts from the shop's today (``today`` when fixed, e.g. by
    a test), and :meth:`bounds` makes the days moments in the shop's time zone, learnt by the run."""

    first: date | None = None
    last: date | None = None
    period: str | None = None
    today: date | None = None
    include_transferred: bool = False
    update_stock: bool = False
    file: Path | None = None

    @classmethod
    def between(cls, first: date | None, last: date | None, **options: object) -> OrderSelection:
        if first and last and last < first:
            raise ConfigError(_("The period ends ({last}) before it starts ({first}).").format(first=first, last=last))
        return cls(first, last, **options)  # type: ignore[arg-type]

    @classmethod
    def of_period(cls, period: str, **options: object) -> OrderSelection:
        check_period(period)
        return cls(period=period, **options)  # type: ignore[arg-type]

    @property
    def has_period(self) -> bool:
        return self.period is not None or self.first is not None or self.last is not None

    def days(self, zone: tzinfo) -> tuple[date | None, date | None]:
        """The first and last day asked, a preset's counted from today in ``zone``."""
        if self.period is None:
            return self.first, self.last
        return period_dates(self.period, self.today_in(zone))

    def today_in(self, zone: tzinfo) -> date:
        """The shop's today: ``today`` when fixed, else today in ``zone``."""
        return self.today or datetime.now(zone).date()

    def bounds(self, zone: tzinfo) -> Period:
        """The period's start (its first midnight) and end (the midnight after its last day) in ``zone``."""
        first, last = self.days(zone)
        start = datetime.combine(first, time.min, zone) if first else None
        end = datetime.combine(last + timedelta(days=1), time.min, zone) if last else None
        return Period(start, end)


@dataclass(frozen=True)
class Period:
    """Moments from ``start`` (included) to ``end`` (excluded), aware; None: open."""

    start: datetime | None = None
    end: datetime | None = None

    def holds(self, moment: datetime) -> bool:
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
        return (self.start is None or moment >= self.start) and (self.end is None or moment < self.end)
