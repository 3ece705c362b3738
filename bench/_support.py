"""What the benchmarks are built from: a Sage-layout back office of N articles, a request
counter on the sandbox shop, running a ``gescom-sync`` command as a child process with its
wall time and peak memory, a measured :class:`Scenario` and the naive way's estimate of it.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.demo import bijou

# Reference tables of the Bijou demo that articles lean on (taxes, families, warehouses,
# price categories, free fields); its articles, stock and documents are left out.
REFERENCE_TABLES = (
    "P_DOSSIER", "P_CATTARIF", "P_CATCOMPTA", "P_DEVISE", "P_UNITE", "P_GAMME", "F_PAYS", "F_TAXE",
    "F_FAMILLE", "F_FAMCOMPTA", "F_CATALOGUE", "F_DEPOT", "cbSysLibre",
)
FAMILIES = ("BAGUES", "CHAINES", "BRACELETS", "BOUCLES", "MONTRES", "CADEAUX")
GROUP_FAMILY = "PANTALONS"
MASTER_PREFIX = "PANT"  # master references are PANT00001, PANT00002...; their articles PANT00001BL38...
MASTER_LENGTH = len(MASTER_PREFIX) + 5
COLOURS = ("Bleu", "Rouge", "Vert", "Noir", "Blanc", "Gris")
SIZES = ("36", "38", "40", "42", "44", "46", "48", "50")
GROUPED_SHARE = Decimal("0.20")


@dataclass(frozen=True)
class Catalogue:
    """What was built: ``grouped`` articles in ``groups`` master references, the rest simple."""

    url: str
    articles: int
    grouped: int
    groups: int


def build_backoffice(path: Path, n: int, *, group_size: int = 6, seed: int = 4) -> Catalogue:
    """A Sage 100 layout SQLite database with ``n`` articles, 20 % of them grouped by master
    reference in groups of ``group_size`` (Couleur x Taille), each with its stock row."""
    if not 2 <= group_size <= len(COLOURS) * len(SIZES):
        raise ValueError(f"group size must be 2..{len(COLOURS) * len(SIZES)}")
    url = f"sqlite:///{path}"
    rng = random.Random(seed)
    groups = int(n * GROUPED_SHARE) // group_size
    articles = _grouped_articles(groups, group_size) + _simple_articles(n - groups * group_size)
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA synchronous = OFF")
            schema.metadata.create_all(connection)
            reference = {name: rows for name, rows in bijou.build_rows().items() if name in REFERENCE_TABLES}
            bijou.insert_rows(connection, reference)
            bijou.insert_rows(connection, {"F_ARTICLE": articles, "F_ARTSTOCK": [_stock(a, rng) for a in articles]})
    finally:
        engine.dispose()
    return Catalogue(url, len(articles), groups * group_size, groups)


def _simple_articles(count: int) -> list[dict]:
    return [
        _article(f"ART{i:06d}", f"Article de bijouterie {i}", FAMILIES[i % len(FAMILIES)], Decimal(10 + i % 490))
        for i in range(1, count + 1)
    ]


def _grouped_articles(groups: int, size: int) -> list[dict]:
    """``size`` articles per group: two colours (more when sizes run out) x as many sizes."""
    colours = max(2, -(-size // len(SIZES)))
    sizes = -(-size // colours)
    combinations = [(c, s) for c in COLOURS[:colours] for s in SIZES[:sizes]][:size]
    rows = []
    for g in range(1, groups + 1):
        master = f"{MASTER_PREFIX}{g:05d}"
        for colour, size_name in combinations:
            row = _article(f"{master}{colour[:2].upper()}{size_name}", f"Pantalon {g} {colour.lower()} T{size_name}",
                           GROUP_FAMILY, Decimal(40 + g % 60))
            row.update(RefMaitre=master, Gamme1Nom="Couleur", Gamme1Valeur=colour, Gamme2Nom="Taille",
                       Gamme2Valeur=size_name, LibelleWeb=f"Pantalon modèle {g}")
            rows.append(row)
    return rows


def master_of(reference: str) -> str | None:
    """The master reference of a grouped article; None for a simple one."""
    return reference[:MASTER_LENGTH] if reference.startswith(MASTER_PREFIX) else None


def _article(reference: str, designation: str, family: str, price: Decimal) -> dict:
    return {
        **bijou.data.ARTICLE_DEFAULTS, "AR_Ref": reference, "AR_Design": designation, "FA_CodeFamille": family,
        "AR_PrixVen": price, "AR_PrixAch": (price * Decimal("0.4")).quantize(Decimal("0.01")),
        "AR_PoidsNet": Decimal("0.25"), "AR_PoidsBrut": Decimal("0.3"),
    }


def _stock(article: dict, rng: random.Random) -> dict:
    return {"AR_Ref": article["AR_Ref"], "DE_No": 1, "AS_QteSto": Decimal(rng.randint(0, 200)), "AS_Principal": 1,
            "AS_Mouvemente": 1}


def change_stock(url: str, share: Decimal, *, seed: int = 7) -> list[str]:
    """Add 5 to the stock of ``share`` of the articles (chosen at random); their references."""
    engine = sa.create_engine(url)
    stock = schema.metadata.tables["F_ARTSTOCK"]
    try:
        with engine.begin() as connection:
            references = sorted(connection.execute(sa.select(stock.c.AR_Ref)).scalars())
            chosen = random.Random(seed).sample(references, max(1, int(len(references) * share)))
            connection.execute(
                stock.update().where(stock.c.AR_Ref.in_(chosen)).values(AS_QteSto=stock.c.AS_QteSto + 5)
            )
    finally:
        engine.dispose()
    return chosen


# ----------------------------------------------------------------------- counting


API_PREFIXES = {"woocommerce": "/wp-json/", "prestashop": "/api/"}  # where each shop's API answers


class RequestCounter:
    """ASGI middleware counting the shop API's requests (paths under ``prefix``) by method
    (reads are GET)."""

    def __init__(self, app, prefix: str = API_PREFIXES["woocommerce"]) -> None:  # noqa: ANN001 - an ASGI application
        self.app = app
        self.prefix = prefix
        self.by_method: Counter[str] = Counter()

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] == "http" and scope["path"].startswith(self.prefix):
            self.by_method[scope["method"]] += 1
        await self.app(scope, receive, send)

    def snapshot(self) -> Counter[str]:
        return Counter(self.by_method)


def count_requests(running, shop: str = "woocommerce") -> RequestCounter:  # noqa: ANN001 - a RunningSandbox
    """Count what reaches the shop behind its latency injector (the sandbox started with a
    latency wraps its application in a ``FaultInjector``, which calls ``.app`` per request)."""
    injector = running.shop.asgi
    if not hasattr(injector, "app"):
        raise RuntimeError("start the sandbox with a latency: the counter goes behind its fault injector")
    counter = RequestCounter(injector.app, API_PREFIXES[shop])
    injector.app = counter
    return counter


def writes(counts: Counter[str]) -> int:
    return sum(count for method, count in counts.items() if method != "GET")


# ------------------------------------------------------------------- child processes


@dataclass(frozen=True)
class Finished:
    exit_code: int
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def gescom_sync_command() -> list[str]:
    """The project's ``gescom-sync`` next to this Python, else the package run by this Python."""
    script = Path(sys.executable).with_name("gescom-sync")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from gescom_sync.cli import main; main()"]


def run_child(arguments: list[str], env: dict[str, str]) -> Finished:
    """Run a command to its end; its wall time and its own peak resident memory
    (``wait4``'s ``ru_maxrss`` of that child alone, not of this process)."""
    started = time.perf_counter()
    child = subprocess.Popen(arguments, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = _drain(child)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return Finished(child.returncode, seconds, _megabytes(usage.ru_maxrss), stdout, stderr)


# ``ru_maxrss`` counts the child's image before ``exec``: a copy of this process's pages,
# which grow with the sandbox's data. ``VmHWM`` in /proc/self/status, read by the command
# itself at its exit, is the peak of the command's own memory only (Linux).
PEAK_FILE = "GESCOM_SYNC_BENCH_PEAK_FILE"
_MEASURED_CLI = f"""
import atexit, os, sys

def _peak():
    with open("/proc/self/status") as status, open(os.environ["{PEAK_FILE}"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))

atexit.register(_peak)
from gescom_sync.cli import main
sys.argv = ["gescom-sync", *sys.argv[1:]]
main()
"""


def run_gescom_sync(arguments: list[str], env: dict[str, str], peak_file: Path) -> Finished:
    """``gescom-sync arguments`` run to its end: its wall time and its own peak memory
    (VmHWM at its exit where /proc exists, else ``wait4``'s ``ru_maxrss``)."""
    if not Path("/proc/self/status").exists():
        return run_child([*gescom_sync_command(), *arguments], env)
    peak_file.unlink(missing_ok=True)
    finished = run_child([sys.executable, "-c", _MEASURED_CLI, *arguments], {**env, PEAK_FILE: str(peak_file)})
    if not peak_file.exists():
        return finished
    return dataclasses.replace(finished, peak_rss_mb=round(int(peak_file.read_text()) / 1024, 1))


def _drain(child: subprocess.Popen) -> tuple[str, str]:
    """Read both pipes to their end without reaping the child (``wait4`` does that)."""
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(child.stderr.read()), daemon=True)
    reader.start()
    out = child.stdout.read()
    reader.join()
    return out, errors[0] if errors else ""


def _megabytes(max_rss: int) -> float:
    """``ru_maxrss`` is in kilobytes on Linux, in bytes on macOS."""
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(max_rss / divisor, 1)



def summary_counters(journal_lines: str) -> dict:
    """A run's counters per entity, from its JSON journal's summary event."""
    for line in reversed(journal_lines.splitlines()):
        if line.startswith("{") and '"summary"' in line:
            event = json.loads(line)
            if event.get("event") == "summary":
                return event.get("counters", {})
    return {}


@dataclass
class Scenario:
    """One measured command: the requests the shop saw, its wall time, the bench's own
    figures (``extra``: peak memory, orders per second...), the run's counters, and the
    same work done the naive way (:meth:`compare_naive`)."""

    requests: int
    write_requests: int
    read_requests: int
    seconds: float
    extra: dict[str, float]
    counters: dict
    naive_requests: int = 0
    naive_seconds: float = 0.0
    naive_sampled: int = 0
    ratio: float = 0.0

    @classmethod
    def measured(cls, counts: Counter[str], finished: Finished, **extra: float) -> Scenario:
        """From the requests counted during the command and the command's end."""
        total, written = sum(counts.values()), writes(counts)
        return cls(total, written, total - written, round(finished.seconds, 2), extra, summary_counters(finished.stdout))

    def compare_naive(self, requests: int, seconds: float, sampled: int) -> None:
        """What :func:`measure_naive` found for the same work."""
        self.naive_requests, self.naive_seconds, self.naive_sampled = requests, round(seconds, 2), sampled
        self.ratio = round(seconds / self.seconds, 1)

    def as_json(self) -> dict:
        """One flat object: the bench's own figures where ``extra`` stands."""
        flat: dict = {}
        for name, value in dataclasses.asdict(self).items():
            flat.update(value if name == "extra" else {name: value})
        return flat


# ------------------------------------------------------------------------------ naive

Call = Callable[[], object]


@dataclass
class Kind:
    """One kind of naive request: how many a scenario needs, and calls to sample."""

    label: str
    count: int
    calls: Iterator[Call]


def measure_naive(kinds: list[Kind], sample: int, pause: float) -> tuple[int, float, int]:
    """(requests the scenario needs, extrapolated seconds, requests really sent).

    One request at a time, ``pause`` seconds after each answer. Each kind gets a share of
    the sample in proportion to its count (at least one); its mean time per request times
    its count is its part of the total."""
    total = sum(k.count for k in kinds)
    seconds, sent = 0.0, 0
    for kind in kinds:
        if kind.count == 0:
            continue
        share = min(kind.count, max(1, round(sample * kind.count / total)))
        spent, done = 0.0, 0
        for call in itertools.islice(kind.calls, share):
            started = time.perf_counter()
            call()
            time.sleep(pause)
            spent += time.perf_counter() - started
            done += 1
        if done:
            seconds += spent / done * kind.count
            sent += done
    return total, seconds, sent


def bench_main(args, run: Callable[..., dict], render: Callable[[dict], str]) -> int:  # noqa: ANN001 - parsed arguments
    """Run a bench in a temporary folder and print its report: a table, or one JSON object with ``--json``."""
    with tempfile.TemporaryDirectory(prefix="gescom-sync-bench-") as folder:
        report = run(args, Path(folder))
    print(json.dumps(report) if args.json else render(report))
    return 0


# ----------------------------------------------------------------------- set-up

SHOPS = ("woocommerce", "prestashop")
PROFILE = "bench"


def add_shop_arguments(parser: argparse.ArgumentParser) -> None:
    """The options both shop benchmarks take: the sandbox, its latency, the naive way, the output."""
    parser.add_argument("--shop", choices=SHOPS, default="woocommerce", help="the sandbox shop (default woocommerce)")
    parser.add_argument("--latency-ms", type=int, default=30, help="the sandbox's answer delay (default 30)")
    parser.add_argument("--naive-delay-ms", type=int, default=25, help="pause after each naive request (default 25)")
    parser.add_argument("--naive-sample", type=int, default=200,
                        help="naive requests really sent per scenario, the rest extrapolated (default 200)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")


def bench_environment(home: Path) -> dict[str, str]:
    """A data folder of its own; secrets in its encrypted file (no OS keyring touched)."""
    return {"GESCOM_SYNC_HOME": str(home), "GESCOM_SYNC_KEYRING": "file",
            "GESCOM_SYNC_MASTER_KEY": "benchmark-only-key", "GESCOM_SYNC_LANG": "en"}


def create_bench_profile(shop: str, backoffice_url: str, sandbox) -> None:  # noqa: ANN001 - a RunningSandbox
    """The profile ``bench``: the Sage-layout database at ``backoffice_url`` and the sandbox ``shop``."""
    from gescom_sync.profiles import create_profile

    if shop == "prestashop":
        credentials = [("shop.api_key", sandbox.key)]
    else:
        credentials = [("shop.consumer_key", sandbox.consumer_key), ("shop.consumer_secret", sandbox.consumer_secret)]
    create_profile(PROFILE, [("backoffice.type", "sage100"), ("backoffice.url", backoffice_url), ("shop.type", shop),
                             ("shop.url", sandbox.url), *credentials])
