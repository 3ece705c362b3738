"""`gescom-sync sandbox ...`: local shops that behave like the real ones, for the demo and tests."""

from __future__ import annotations

import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from gescom_sync.cli.common import console
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.paths import data_dir

app = typer.Typer(no_args_is_help=True)


@app.command("woocommerce", help="Serve a local WooCommerce shop (REST API v3 and WordPress media) until Ctrl+C.")
def woocommerce(
    port: int = typer.Option(8081, "--port", help="TCP port (0: any free port)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    data: Path = typer.Option(None, "--data", help="Folder of the shop's database and uploads (default: in the data folder)."),
    consumer_key: str = typer.Option(None, "--consumer-key", help="REST API consumer key (ck_...); generated when not given."),
    consumer_secret: str = typer.Option(None, "--consumer-secret", help="REST API consumer secret (cs_...)."),
    latency_ms: int = typer.Option(0, "--latency-ms", min=0, help="Delay added to every API answer, in milliseconds."),
    fail_rate: float = typer.Option(0.0, "--fail-rate", help="Share of API calls answered 429, 500 or too slowly (0 to 1)."),
    seed: int = typer.Option(None, "--seed", help="Seed of the failure draws, for reproducible runs."),
    https: bool = typer.Option(False, "--https", help="Serve https with a self-signed certificate."),
    wp_app_password: str = typer.Option(None, "--wp-app-password", help="WordPress application password of user 'admin' (media uploads)."),
    time_zone: str = typer.Option(None, "--time-zone", help="The site's time zone (IANA name, e.g. Europe/Paris), WordPress's Timezone setting (default: the data folder's; UTC when new)."),
) -> None:
    from gescom_sync.sandbox.woocommerce import start_sandbox

    check_options(consumer_key, consumer_secret, fail_rate, time_zone)
    folder = data or data_dir() / "sandbox" / "woocommerce"
    _serve(lambda: start_sandbox(folder, consumer_key=consumer_key, consumer_secret=consumer_secret, host=host,
                                 port=port, https=https, latency_ms=latency_ms, fail_rate=fail_rate, seed=seed,
                                 wp_app_password=wp_app_password, time_zone=time_zone),
           host, port, lambda running: banner(running, folder, latency_ms, fail_rate, seed))


def _serve(start, host: str, port: int, banner_of) -> None:  # noqa: ANN001 - the sandbox's start and banner
    """Start a sandbox, print its banner and serve until Ctrl+C."""
    try:
        running = start()
    except OSError as error:
        raise ConfigError(_("Cannot listen on {host}:{port}: {reason}").format(host=host, port=port, reason=error.strerror or error)) from None
    for line in banner_of(running):
        console.print(line, markup=False)
    try:
        while running.serving and running.serving.running:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


def check_options(consumer_key: str | None, consumer_secret: str | None, fail_rate: float,
                  time_zone: str | None = None) -> None:
    if time_zone is not None:
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(_("--time-zone {name} is not a time zone name (such as Europe/Paris).").format(
                name=time_zone)) from None
    if bool(consumer_key) != bool(consumer_secret):
        raise ConfigError(_("--consumer-key and --consumer-secret go together: give both or neither."))
    if not 0 <= fail_rate <= 1:
        raise ConfigError(_("--fail-rate must be between 0 and 1, not {value}.").format(value=fail_rate))


def banner(running, folder: Path, latency_ms: int, fail_rate: float, seed: int | None) -> list[str]:
    """What the sandbox prints when it starts: where it is and how to authenticate."""
    lines = [
        _("WooCommerce sandbox running at {url}").format(url=running.url),
        _("REST API: {url}").format(url=f"{running.url}/wp-json/wc/v3"),
        _("Consumer key: {key}").format(key=running.consumer_key),
        _("Consumer secret: {secret}").format(secret=running.consumer_secret),
        _("WordPress user: {user}, application password: {password}").format(user=running.wp_user, password=running.wp_app_password),
        _("Data folder: {path}").format(path=folder),
        _("Time zone: {zone}").format(zone=running.shop.config.time_zone()),
    ]
    if running.certificate:
        lines.append(_("Self-signed certificate: {path}").format(path=running.certificate))
    else:
        lines.append(_("Over http, only OAuth 1.0a signatures are accepted, like a real shop; use --https for Basic auth."))
    if latency_ms or fail_rate:
        lines.append(_("Faults: latency {latency} ms, failure rate {rate}, seed {seed}").format(latency=latency_ms, rate=fail_rate, seed=seed))
    lines.append(_("Press Ctrl+C to stop."))
    return lines


@app.command("prestashop", help="Serve a local PrestaShop shop (webservice under /api/) until Ctrl+C.")
def prestashop(
    port: int = typer.Option(8082, "--port", help="TCP port (0: any free port)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    data: Path = typer.Option(None, "--data", help="Folder of the shop's database, images and attachments (default: in the data folder)."),
    key: str = typer.Option(None, "--key", help="Webservice key (32 letters or digits); generated when not given."),
    latency_ms: int = typer.Option(0, "--latency-ms", min=0, help="Delay added to every webservice answer, in milliseconds."),
    fail_rate: float = typer.Option(0.0, "--fail-rate", help="Share of webservice calls answered 503, 500 or too slowly (0 to 1)."),
    seed: int = typer.Option(None, "--seed", help="Seed of the failure draws, for reproducible runs."),
    no_rewrite: bool = typer.Option(False, "--no-url-rewriting", help="Answer only at webservice/dispatcher.php?url=, like a shop without URL rewriting."),
) -> None:
    from gescom_sync.sandbox.prestashop import start_sandbox

    check_options(None, None, fail_rate)
    folder = data or data_dir() / "sandbox" / "prestashop"
    _serve(lambda: start_sandbox(folder, key=key, host=host, port=port, latency_ms=latency_ms, fail_rate=fail_rate,
                                 seed=seed, url_rewriting=not no_rewrite),
           host, port, lambda running: prestashop_banner(running, folder, latency_ms, fail_rate, seed))


def prestashop_banner(running, folder: Path, latency_ms: int, fail_rate: float, seed: int | None) -> list[str]:
    """What the PrestaShop sandbox prints when it starts: where it is and its webservice key."""
    lines = [
        _("PrestaShop sandbox running at {url}").format(url=running.url),
        _("Webservice: {url}").format(url=running.api_url),
        _("Webservice key: {key} (HTTP basic-auth user, empty password)").format(key=running.key),
        _("Data folder: {path}").format(path=folder),
    ]
    if not running.shop.url_rewriting:
        lines.append(_("No URL rewriting: use {url}/webservice/dispatcher.php?url=...").format(url=running.url))
    if latency_ms or fail_rate:
        lines.append(_("Faults: latency {latency} ms, failure rate {rate}, seed {seed}").format(latency=latency_ms, rate=fail_rate, seed=seed))
    lines.append(_("Press Ctrl+C to stop."))
    return lines
