"""`gescom-sync profile ...` commands: create, list, show, set, rename, duplicate, delete,
default, export, import, test.

The work is done by ``gescom_sync.profiles``; this module turns options into key-path
assignments, asks for what is missing in a terminal, and prints.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import tomli_w
import typer

from gescom_sync import profiles
from gescom_sync.cli.common import console, err_console, print_json
from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.i18n import _
from gescom_sync.profiles.documents import get_path, masked_view, secret_paths_of
from gescom_sync.profiles.files import mask_url_password, read_toml
from gescom_sync.profiles.models import BACKOFFICE_TYPES, SHOP_TYPES, Profile

app = typer.Typer(no_args_is_help=True)

NAME = typer.Argument(..., help="Profile name (letters, digits, '_', '.', '-').")
JSON = typer.Option(False, "--json", help="Print JSON for scripts.")


def _interactive() -> bool:
    return sys.stdin.isatty()


def _say(text: str) -> None:
    console.print(text, markup=False, soft_wrap=True)


def _warn(text: str) -> None:
    err_console.print(text, markup=False, soft_wrap=True)


@app.command()
def create(
    name: str = NAME,
    language: str = typer.Option(None, help="Journal language (fr, en). Default: fr."),
    backoffice: str = typer.Option("sage100", help="Back office type: sage100."),
    database: str = typer.Option(None, help="Sage 100: SQLite file path, or SQLAlchemy URL without the password."),
    db_user: str = typer.Option(None, help="Database user."),
    db_password: str = typer.Option(None, help="Database password (stored in the secret store)."),
    media_folder: Path = typer.Option(None, help="Folder of images and documents named by reference."),
    shop: str = typer.Option(None, help="Shop type: woocommerce, prestashop, shopify, magento."),
    shop_url: str = typer.Option(None, help="Shop address (Shopify: the shop's domain, e.g. bijou.myshopify.com)."),
    consumer_key: str = typer.Option(None, help="WooCommerce consumer key."),
    consumer_secret: str = typer.Option(None, help="WooCommerce consumer secret."),
    wc_auth: str = typer.Option(None, help="WooCommerce authentication: auto, basic, query, oauth1."),
    wordpress_user: str = typer.Option(None, help="WordPress user (media uploads)."),
    application_password: str = typer.Option(None, help="WordPress application password."),
    api_key: str = typer.Option(None, help="PrestaShop webservice key."),
    access_token: str = typer.Option(None, help="Shopify Admin API access token."),
    token: str = typer.Option(None, help="Magento integration access token."),
    timeout: float = typer.Option(None, help="HTTP timeout in seconds. Default: 30."),
    proxy: str = typer.Option(None, help="Proxy URL for the shop, e.g. http://proxy.local:3128."),
    http_user: str = typer.Option(None, help="HTTP basic authentication user in front of the shop."),
    http_password: str = typer.Option(None, help="HTTP basic authentication password in front of the shop."),
    make_default: bool = typer.Option(False, "--default", help="Make it the default profile."),
) -> None:
    """Create a profile from options; in a terminal, asks for what is missing."""
    given: dict[str, Any] = {
        "language": language,
        "backoffice.type": backoffice,
        "backoffice.url": database,
        "backoffice.user": db_user,
        "backoffice.password": db_password,
        "backoffice.media_folder": media_folder,
        "shop.type": shop,
        "shop.domain" if shop == "shopify" else "shop.url": shop_url,
        "shop.consumer_key": consumer_key,
        "shop.consumer_secret": consumer_secret,
        "shop.auth": wc_auth,
        "shop.wordpress_user": wordpress_user,
        "shop.application_password": application_password,
        "shop.api_key": api_key,
        "shop.access_token": access_token,
        "shop.token": token,
        "shop.http.timeout": timeout,
        "shop.http.proxy": proxy,
        "shop.http.basic_auth_user": http_user,
        "shop.http.basic_auth_password": http_password,
    }
    assignments = {key: str(value) for key, value in given.items() if value is not None}
    if _interactive():
        _ask_missing(assignments)
    profile = profiles.create_profile(name, assignments.items())
    if make_default:
        profiles.set_default_profile(name)
    _say(_("Profile {name} created: {path}").format(name=name, path=profiles.profile_path(name)))
    _remind_secrets(profile)


def _ask_missing(assignments: dict[str, str]) -> None:
    """Prompt for the required keys and the secrets of the chosen back office and shop."""
    block_type = assignments.get("backoffice.type", "sage100")
    _ask_block(assignments, "backoffice", BACKOFFICE_TYPES.get(block_type))
    if "shop.type" not in assignments:
        choices = ", ".join(SHOP_TYPES)
        answer = typer.prompt(
            _("Shop type ({choices}; empty: none)").format(choices=choices), default="", show_default=False
        )
        if not answer:
            return
        assignments["shop.type"] = answer
    _ask_block(assignments, "shop", SHOP_TYPES.get(assignments["shop.type"]))


def _ask_block(assignments: dict[str, str], block: str, model: type | None) -> None:
    if model is None:
        return  # an unknown type: validation says which types exist
    secrets = [path for path in secret_paths_of(model) if "." not in path]
    for key, field in model.model_fields.items():
        path = f"{block}.{key}"
        if path in assignments:
            continue
        if key in secrets:
            value = typer.prompt(
                _("{key} (hidden; empty: none)").format(key=path), default="", hide_input=True, show_default=False
            )
        elif field.is_required():
            value = typer.prompt(path)
        else:
            continue
        if value:
            assignments[path] = value


def _remind_secrets(profile: Profile) -> None:
    needed = [f"shop.{key}" for key in profile.shop.required_secrets] if profile.shop else []
    missing = [path for path in needed if get_path(profile, path) is None]
    if missing:
        reminder = _("Not set yet: {keys}. Set them with: gescom-sync profile set {name} KEY")
        _warn(reminder.format(keys=", ".join(missing), name=profile.name))


@app.command("list")
def list_(as_json: bool = JSON) -> None:
    """List the profiles; the default one is marked with *."""
    default = profiles.default_profile_name()
    rows = [_summary(name, name == default) for name in profiles.list_profiles()]
    if as_json:
        print_json(rows)
        return
    if not rows:
        _say(_("No profile yet: create one with 'gescom-sync profile create NAME'."))
        return
    for row in rows:
        mark = "*" if row["default"] else " "
        _say(f"{mark} {row['name']:<20} {row['backoffice']:<40} {row['shop']}")


def _summary(name: str, is_default: bool) -> dict[str, Any]:
    """What the list shows, read from the file without touching the secrets."""
    try:
        data = read_toml(profiles.profile_path(name))
    except ConfigError:
        return {"name": name, "default": is_default, "backoffice": _("(unreadable file)"), "shop": ""}
    backoffice = data.get("backoffice", {})
    shop = data.get("shop", {})
    return {
        "name": name,
        "default": is_default,
        "backoffice": mask_url_password(f"{backoffice.get('type', '?')} {backoffice.get('url', '')}".strip()),
        "shop": f"{shop.get('type', '?')} {shop.get('url') or shop.get('domain', '')}".strip() if shop else "",
    }


@app.command()
def show(name: str = NAME, as_json: bool = JSON) -> None:
    """Show a profile; secrets are masked."""
    profile = profiles.load_profile(name)
    view = masked_view(profile)
    if as_json:
        print_json({"name": name, **view})
        return
    _say(f"# {profiles.profile_path(name)}")
    _say(tomli_w.dumps(view))


@app.command("set")
def set_(
    name: str = NAME,
    assignments: list[str] = typer.Argument(
        ..., help="KEY=VALUE (e.g. shop.http.timeout=60); a secret KEY alone is asked for."
    ),
) -> None:
    """Change settings by key path; values are validated like the file, secrets go to the secret store."""
    pairs = [_assignment(text) for text in assignments]
    profiles.update_profile(name, pairs)
    _say(_("Profile {name} updated: {keys}").format(name=name, keys=", ".join(key for key, _v in pairs)))


def _assignment(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    key = key.strip()
    if sep:
        return key, value
    if key in secret_paths_of(Profile):
        return key, _read_secret(key)
    raise ConfigError(_("{text!r}: expected KEY=VALUE (a secret KEY alone is asked for).").format(text=text))


def _read_secret(key: str) -> str:
    """A secret typed without echo in a terminal, else one line of standard input (for scripts)."""
    if _interactive():
        return typer.prompt(key, hide_input=True)
    return sys.stdin.readline().rstrip("\r\n")


@app.command()
def rename(
    old: str = typer.Argument(..., help="Current name."), new: str = typer.Argument(..., help="New name.")
) -> None:
    """Rename a profile, with its secrets, bindings, last transfer dates and runs."""
    profiles.rename_profile(old, new)
    _say(_("Profile {old} renamed to {new}.").format(old=old, new=new))


@app.command()
def duplicate(
    source: str = typer.Argument(..., help="Profile to copy."),
    target: str = typer.Argument(..., help="Name of the copy."),
) -> None:
    """Copy a profile with its secrets; the copy starts with no bindings (it usually targets another shop)."""
    profiles.duplicate_profile(source, target)
    _say(_("Profile {source} copied to {target}.").format(source=source, target=target))


@app.command()
def delete(
    name: str = NAME, yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")
) -> None:
    """Delete a profile with its secrets, bindings, last transfer dates and runs."""
    profiles.require_profile(name)
    if not yes:
        typer.confirm(
            _("Delete profile {name} with its secrets, bindings, last transfer dates and runs?").format(name=name),
            abort=True,
        )
    profiles.delete_profile(name)
    _say(_("Profile {name} deleted.").format(name=name))


@app.command()
def default(name: str = NAME) -> None:
    """Make a profile the default one."""
    profiles.set_default_profile(name)
    _say(_("Profile {name} is now the default profile.").format(name=name))


@app.command("export")
def export_(name: str = NAME, file: Path = typer.Argument(..., help="File to write (TOML).")) -> None:
    """Write a profile to a file, without its secrets."""
    left_out = profiles.export_profile(name, file)
    _say(_("Profile {name} exported to {file}.").format(name=name, file=file))
    if left_out:
        _say(_("Secrets are not exported; after import, set: {keys}").format(keys=", ".join(left_out)))


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="An exported profile file."),
    name: str = typer.Option(None, "--name", help="Name of the new profile. Default: the file name."),
) -> None:
    """Create a profile from an exported file."""
    profile, to_set = profiles.import_profile(file, name)
    _say(_("Profile {name} imported from {file}.").format(name=profile.name, file=file))
    if to_set:
        _say(
            _("Set its secrets with: gescom-sync profile set {name} KEY (for {keys})").format(
                name=profile.name, keys=", ".join(to_set)
            ),
        )


@app.command()
def test(
    name: str = typer.Argument(None, help="Profile name. Default: the default profile."), as_json: bool = JSON
) -> None:
    """Test the connections to the back office and to the shop."""
    from gescom_sync.profiles.connection_test import check_connections  # the connectors and httpx: for this command only

    profile = profiles.load_profile(name)
    checks = check_connections(profile)
    if as_json:
        print_json([asdict(check) for check in checks])
    else:
        labels = {"backoffice": _("Back office"), "shop": _("Shop")}
        statuses = {"ok": _("OK"), "failed": _("FAILED"), "skipped": _("skipped")}
        for check in checks:
            line = _("{side} {target}: {status} - {message}").format(
                side=labels[check.side], target=check.target, status=statuses[check.status], message=check.message
            )
            (_warn if check.status == "failed" else _say)(line.replace("  ", " "))
    if any(check.status == "failed" for check in checks):
        raise ConnectionFailed(_("The connection test of profile {name} failed.").format(name=profile.name))
