"""What a profile and the application settings contain, validated by pydantic.

A profile is one back office + one shop + the settings of the flows between them (SPEC
§1); later issues add their settings here. Every model forbids unknown keys so that a
typo in a file is an error, not a silently ignored setting.

Secret fields are ``SecretStr``: they never live in the TOML files (see
``profiles.secrets``) and print as ``********``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, ClassVar, Literal, Union
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator

from gescom_sync import __version__
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import DEFAULT_LANGUAGE, _, available_languages
from gescom_sync.profiles.base import Settings
from gescom_sync.profiles.catalogue import ExportProductsSettings
from gescom_sync.profiles.customers import CustomerRules, ExportCustomersSettings, ImportProspectsSettings
from gescom_sync.profiles.orders import ImportOrdersSettings
from gescom_sync.profiles.prices import PriceSettings
from gescom_sync.profiles.stock import StockSettings


PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def is_profile_name(name: str) -> bool:
    """Profile names become file names and secret keys: letters, digits, ``_``, ``.``, ``-``."""
    return bool(PROFILE_NAME.match(name)) and not name.endswith(".toml")


def _check_language(value: str) -> str:
    languages = available_languages()
    if value not in languages:
        raise ValueError(_("expected one of: {choices}").format(choices=", ".join(languages)))
    return value


def _web_url(value: str) -> str:
    """An http(s) URL with a host, without trailing slash (``https://shop.fr/`` -> ``https://shop.fr``)."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(_("expected a web address such as https://shop.example.com"))
    if parts.password or parts.username:
        raise ValueError(_("the address must not contain a user or password; use the dedicated keys"))
    if parts.query or parts.fragment:
        raise ValueError(_("the address must not contain a query string or fragment"))
    return value.rstrip("/")


# --- HTTP options -------------------------------------------------------------------


class HttpOptions(Settings):
    """How gescom-sync talks to a shop (SPEC §2.2)."""

    timeout: float = Field(30.0, gt=0, description="Seconds to wait for an answer.")
    delay_ms: int = Field(25, ge=0, description="Pause between two requests, in milliseconds.")
    max_tries: int = Field(3, ge=1, le=20, description="Tries per request, counting the first.")
    tls_min_version: Literal["1.2", "1.3"] = "1.2"
    verify: bool | str = Field(True, description="Check the shop's certificate: true, false, or a CA bundle file path.")
    user_agent: str = Field(f"gescom-sync/{__version__}", min_length=1)
    proxy: str | None = Field(None, description="Proxy URL, e.g. http://proxy.local:3128.")
    basic_auth_user: str | None = Field(None, description="HTTP basic authentication in front of the shop.")
    basic_auth_password: SecretStr | None = None

    @field_validator("verify", mode="before")
    @classmethod
    def _verify_flag(cls, value: object) -> object:
        """``verify=false`` on the command line is the flag, not a CA bundle named "false"."""
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value

    @field_validator("proxy")
    @classmethod
    def _proxy_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https", "socks5") or not parts.hostname:
            raise ValueError(_("expected a proxy address such as http://proxy.local:3128"))
        if parts.password:
            raise ValueError(_("the address must not contain a user or password; use the dedicated keys"))
        return value


# --- Back offices -------------------------------------------------------------------


class Sage100Backoffice(Settings):
    """Sage 100 (SQL edition) read through SQLAlchemy; SQLite/PostgreSQL for the demo."""

    type: Literal["sage100"] = "sage100"
    url: str = Field(description="A SQLite file path, or a SQLAlchemy URL without the password.")
    user: str | None = None
    password: SecretStr | None = None
    media_folder: Path | None = Field(None, description="Folder of images and documents, by reference.")

    @field_validator("url")
    @classmethod
    def _url_without_password(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError(_("expected a database file path or a SQLAlchemy URL"))
        if "://" in value:
            import sqlalchemy as sa  # here, not at the top: every command loads the settings, few parse a URL

            try:
                parsed = sa.engine.make_url(value)
            except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
                raise ValueError(_("expected a SQLAlchemy URL such as mssql+pyodbc://server/SAGE100")) from None
            if parsed.password is not None:
                raise ValueError(_("the URL must not contain the password; set backoffice.password instead"))
        return value

    def connect_url(self) -> str:
        """The SQLAlchemy URL with the secret password inserted; a plain path becomes ``sqlite:///...``."""
        if "://" not in self.url:
            return f"sqlite:///{Path(self.url).expanduser().resolve()}"
        import sqlalchemy as sa

        url = sa.engine.make_url(self.url)
        if self.user:
            url = url.set(username=self.user)
        if self.password is not None:
            url = url.set(password=self.password.get_secret_value())
        return url.render_as_string(hide_password=False)

    def describe(self) -> str:
        """A one-line description for listings, without the password."""
        return self.url


# Dolibarr (url + api key) and Tryton join this union as their connectors land.
Backoffice = Annotated[Union[Sage100Backoffice], Field(discriminator="type")]


# --- Shops --------------------------------------------------------------------------


class ShopSettings(Settings):
    """What every shop type has: its time zone (its days)."""

    timezone: str | None = Field(
        None, description="The shop's time zone (IANA name, e.g. Europe/Paris): days of periods, grouping per day, "
                          "document dates. None: what the shop says (PrestaShop: PS_TIMEZONE first, always), else "
                          "the machine's zone."
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(_("{name!r} is not a time zone name (such as Europe/Paris)").format(name=value)) from None
        return value.strip()


class UrlShop(ShopSettings):
    """A shop reached at a web address (its API paths are added by its connector).

    ``required_secrets``: the credentials without which the shop cannot be used.
    """

    url: str
    http: HttpOptions = Field(default_factory=HttpOptions)

    @field_validator("url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        return _web_url(value)

    def base_url(self) -> str:
        return self.url


class WooCommerceShop(UrlShop):
    type: Literal["woocommerce"] = "woocommerce"
    required_secrets: ClassVar[tuple[str, ...]] = ("consumer_key", "consumer_secret")
    consumer_key: SecretStr | None = None
    consumer_secret: SecretStr | None = None
    auth: Literal["auto", "basic", "query", "oauth1"] = Field(
        "auto", description="How the consumer key is sent: auto picks basic on HTTPS, oauth1 on HTTP."
    )
    wordpress_user: str | None = Field(None, description="WordPress user for media uploads.")
    application_password: SecretStr | None = None


class PrestaShopShop(UrlShop):
    type: Literal["prestashop"] = "prestashop"
    required_secrets: ClassVar[tuple[str, ...]] = ("api_key",)
    api_key: SecretStr | None = None
    languages: list[str] = Field(
        default_factory=list,
        description="ISO codes of the shop languages the catalogue texts are written to (empty: every language).",
    )
    id_shop: int | None = Field(
        None, description="Multistore: the shop (id_shop) written to and read from; none: the default shop context."
    )
    send_email_on_status: bool = Field(
        False, description="Let PrestaShop e-mail the customer when gescom-sync changes an order's status."
    )
    max_concurrency: int = Field(4, ge=1, le=8, description="Requests in flight at once (PrestaShop: 4 to 8).")


class MagentoShop(UrlShop):
    type: Literal["magento"] = "magento"
    required_secrets: ClassVar[tuple[str, ...]] = ("token",)
    token: SecretStr | None = None


_SHOPIFY_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class ShopifyShop(ShopSettings):
    type: Literal["shopify"] = "shopify"
    required_secrets: ClassVar[tuple[str, ...]] = ("access_token",)
    domain: str = Field(description="The shop's domain, e.g. bijou.myshopify.com.")
    access_token: SecretStr | None = None
    http: HttpOptions = Field(default_factory=HttpOptions)

    @field_validator("domain")
    @classmethod
    def _bare_domain(cls, value: str) -> str:
        domain = value.strip().lower()
        domain = re.sub(r"^https?://", "", domain).rstrip("/")
        if not _SHOPIFY_DOMAIN.match(domain):
            raise ValueError(_("expected a domain such as bijou.myshopify.com"))
        return domain

    def base_url(self) -> str:
        return f"https://{self.domain}"


Shop = Annotated[Union[WooCommerceShop, PrestaShopShop, ShopifyShop, MagentoShop], Field(discriminator="type")]


BACKOFFICE_TYPES: dict[str, type[Settings]] = {"sage100": Sage100Backoffice}
SHOP_TYPES: dict[str, type[Settings]] = {
    "woocommerce": WooCommerceShop,
    "prestashop": PrestaShopShop,
    "shopify": ShopifyShop,
    "magento": MagentoShop,
}


# --- Profile ------------------------------------------------------------------------


class Profile(Settings):
    """One back office + one shop + the settings of the flows between them."""

    name: str = Field(exclude=True, description="The file name (without .toml); not stored inside the file.")
    language: str = Field(DEFAULT_LANGUAGE, description="Language of the journals.")
    backoffice: Backoffice
    shop: Shop | None = None
    export_products: ExportProductsSettings = Field(default_factory=ExportProductsSettings)
    update_stock: StockSettings = Field(default_factory=StockSettings)
    update_prices: PriceSettings = Field(default_factory=PriceSettings)
    export_customers: ExportCustomersSettings = Field(default_factory=ExportCustomersSettings)
    import_prospects: ImportProspectsSettings = Field(default_factory=ImportProspectsSettings)
    import_orders: ImportOrdersSettings = Field(default_factory=ImportOrdersSettings)
    customer_rules: CustomerRules = Field(
        default_factory=CustomerRules, description="How shop customers become back-office accounts (prospects, orders)."
    )

    @field_validator("name")
    @classmethod
    def _valid_name(cls, value: str) -> str:
        if not is_profile_name(value):
            raise ValueError(_("use letters, digits, '_', '.', '-' (64 characters at most)"))
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return _check_language(value)


# --- Application settings (SPEC §4) -------------------------------------------------


class ProxySettings(Settings):
    host: str
    port: int = Field(3128, ge=1, le=65535)
    user: str | None = None
    password: SecretStr | None = None


class SmtpSettings(Settings):
    host: str
    port: int = Field(587, ge=1, le=65535)
    user: str | None = None
    password: SecretStr | None = None
    security: Literal["starttls", "ssl", "none"] = "starttls"
    sender: str | None = None
    test_recipients: list[str] = Field(default_factory=list)


class AppSettings(Settings):
    """``settings.toml`` in the data folder."""

    default_profile: str | None = None
    language: str | None = Field(None, description="Language of the interface; French when unset.")
    state_url: str | None = Field(
        None, description="SQLAlchemy URL of the state store; SQLite in the data folder when unset."
    )
    proxy: ProxySettings | None = None
    smtp: SmtpSettings | None = None
    options_password: SecretStr | None = None

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        return None if value is None else _check_language(value)

    @field_validator("state_url")
    @classmethod
    def _sqlalchemy_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        import sqlalchemy as sa

        try:
            parsed = sa.engine.make_url(value)
        except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise ValueError(_("expected a SQLAlchemy URL such as postgresql+psycopg://host/gescom")) from None
        if parsed.password is not None:
            raise ValueError(
                _("the URL must not contain the password; use a ~/.pgpass file or PGPASSWORD for PostgreSQL")
            )
        return value


def check_profile_name(name: str) -> str:
    """``name`` when it can be a profile name, else a ConfigError."""
    if not is_profile_name(name):
        raise ConfigError(
            _("Invalid profile name {name!r}: use letters, digits, '_', '.', '-' (64 characters at most).").format(
                name=name
            )
        )
    return name
