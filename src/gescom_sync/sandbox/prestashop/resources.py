"""The webservice resources of the sandbox, described the way PrestaShop 8.1 describes them.

Each resource lists its fields in PrestaShop's order with a compact spec, ``name:kind``
plus flags, e.g. ``price:price!`` or ``name:lang:catalog!128``:

- kind: ``id`` (isUnsignedId), ``uint``, ``int``, ``bool``, ``ibool`` (a bool PrestaShop
  answers as a JSON number), ``price``, ``nprice`` (isNegativePrice), ``ufloat``,
  ``float``, ``ratio`` (a decimal without format), ``dec2``/``dec3`` (decimals shown with 2/3 places), ``str``,
  ``name`` (isGenericName), ``catalog``, ``ref``, ``email``, ``date``, ``dateonly``,
  ``html``, ``link`` (isLinkRewrite), ``ean13``, ``upc``, ``isbn``, ``mpn``, ``color``,
  ``null`` (always empty), ``lang:<kind>`` for a field with one value per language;
- ``!`` required; a number is the maximum size; ``>resource`` the ``xlink:href`` target;
  ``~`` not filterable (computed); ``^`` read-only; ``=value`` the value a fresh record
  reads back when the field was not sent.

JSON types follow the recordings: ids and integers are numbers, booleans and decimals
are strings ("1", "23.900000"), except the ``ibool`` fields some classes cast to int.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

INT_KINDS = {"id", "uint", "int", "ibool", "cint"}  # cint: an integer PrestaShop gives no format
KIND_SIZES = {"ean13": 13, "upc": 12, "isbn": 32, "mpn": 40}
DECIMAL_PLACES = {"price": 6, "nprice": 6, "ufloat": 6, "float": 6, "ratio": 6, "dec2": 2, "dec3": 3}
DATE_KINDS = {"date", "dateonly"}
EMPTY_DATE = {"date": "0000-00-00 00:00:00", "dateonly": "0000-00-00"}

FORMAT_NAMES = {
    "id": "isUnsignedId", "uint": "isUnsignedInt", "int": "isInt", "bool": "isBool", "ibool": "isBool",
    "price": "isPrice", "nprice": "isNegativePrice", "ufloat": "isUnsignedFloat", "float": "isFloat", "dec2": "isFloat", "dec3": "isFloat",
    "str": "isString", "name": "isGenericName", "catalog": "isCatalogName", "ref": "isReference", "email": "isEmail",
    "date": "isDate", "dateonly": "isDateFormat", "html": "isCleanHtml", "link": "isLinkRewrite", "ean13": "isEan13",
    "upc": "isUpc", "isbn": "isIsbn", "mpn": "isMpn", "visibility": "isProductVisibility", "Iname": "IsGenericName", "color": "isColor", "phone": "isPhoneNumber",
    "postcode": "isPostCode", "city": "isCityName", "address": "isAddress", "cname": "isName", "passwd": "isPasswd", "ape": "isApe", "message": "isMessage", "tracking": "isTrackingNumber",
}

_PATTERNS = {
    "id": r"\d{1,10}", "cint": r"-?\d{1,10}", "uint": r"\d{1,10}", "int": r"-?\d{1,10}", "bool": r"0|1|true|false", "ibool": r"0|1|true|false",
    "price": r"\d{1,10}(\.\d{1,9})?", "nprice": r"-?\d{1,10}(\.\d{1,9})?", "ufloat": r"\d+(\.\d+)?",
    "float": r"-?\d+(\.\d+)?", "ratio": r"-?\d+(\.\d+)?",
    "dec2": r"-?\d+(\.\d+)?", "dec3": r"-?\d+(\.\d+)?",
    "name": r"[^<>={}]*", "Iname": r"[^<>={}]*", "visibility": r"both|catalog|search|none", "catalog": r"[^<>;=#{}]*", "ref": r"[^<>;={}]*", "email": r"[^@\s]+@[^@\s]+\.[^@\s]+",
    "date": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", "dateonly": r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?",
    "link": r"[_a-zA-Z0-9\u00C0-\u024F-]+", "ean13": r"\d{0,13}", "upc": r"\d{0,12}", "isbn": r"[0-9-]{0,32}",
    "mpn": r".{0,40}", "color": r"(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-zA-Z]*)", "phone": r"[+0-9. ()/-]*",
    "postcode": r"[a-zA-Z 0-9-]+", "city": r"[^!<>;?=+@#\"°{}_$%]*", "address": r"[^!<>?=+@{}_$%]*",
    "cname": r"[^0-9!<>,;?=+()@#\"°{}_$%:¤|]*", "ape": r"[0-9]{3,4}[a-zA-Z]{1}|",
    "message": r"[^<>{}]*", "tracking": r"[~:#,%&_=\(\)\[\]\.\? \+\-@/a-zA-Z0-9]*",
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    lang: bool = False
    required: bool = False
    size: int | None = None
    link: str | None = None
    computed: bool = False  # notFilterable: filled by the shop, not stored as sent
    read_only: bool = False
    default: str | None = None

    @property
    def json_int(self) -> bool:
        return self.kind in INT_KINDS

    def empty_value(self) -> object:
        """What a record holds for this field when nothing was sent (the database default)."""
        if self.default is not None:
            return int(self.default) if self.json_int else self.default
        return self.zero_value()

    def zero_value(self) -> object:
        """What an empty submitted value becomes (MySQL casts "" to 0; enum-like texts keep their default)."""
        if self.default is not None and not self.json_int and self.kind not in ("bool",):
            return self.default
        if self.kind == "null":
            return None
        if self.json_int:
            return 0
        if self.kind in DECIMAL_PLACES:
            return format(Decimal(0), f".{DECIMAL_PLACES[self.kind]}f")
        if self.kind == "bool":
            return "0"
        return EMPTY_DATE.get(self.kind, "")

    def normalise(self, raw: str) -> object:
        """A valid submitted text as the database keeps it (numbers as ints, decimals padded)."""
        if raw == "" and not self.lang:
            return self.zero_value()
        if self.json_int:
            return 1 if raw == "true" else 0 if raw == "false" else int(raw)
        if self.kind == "bool":
            return "1" if raw in ("1", "true") else "0"
        if self.kind in DECIMAL_PLACES:
            return format(Decimal(raw), f".{DECIMAL_PLACES[self.kind]}f")
        return raw

    def is_valid(self, raw: str) -> bool:
        if raw == "":
            return True
        pattern = _PATTERNS.get(self.kind)
        if pattern and not re.fullmatch(pattern, raw, flags=re.DOTALL):
            return False
        if self.kind == "html" and re.search(r"<\s*(script|iframe)", raw, re.IGNORECASE):
            return False
        if self.kind in DECIMAL_PLACES:
            try:
                Decimal(raw)
            except InvalidOperation:
                return False
        return True


@dataclass(frozen=True)
class Association:
    name: str
    node: str  # the element name of one entry
    api: str | None  # the resource entries link to (None: a virtual entity)
    fields: tuple[str, ...] = ("id",)
    links: dict[str, str] = field(default_factory=dict)  # entry field -> linked resource
    required: tuple[str, ...] = ()  # entry fields the synopsis marks required


@dataclass(frozen=True)
class Resource:
    name: str  # in the URL: products
    single: str  # one element: product
    class_name: str  # in validation messages: Product
    description: str
    fields: tuple[Field, ...]
    associations: tuple[Association, ...] = ()
    list_name: str | None = None  # JSON list key when it differs from ``name`` (order_slip -> order_slips)
    methods: tuple[str, ...] = ("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD")

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def field_names(self) -> list[str]:
        return ["id"] + [f.name for f in self.fields]

    @property
    def filterable(self) -> list[str]:
        return ["id"] + [f.name for f in self.fields if not f.computed and not f.lang and f.kind not in DATE_KINDS]

    @property
    def json_list(self) -> str:
        return self.list_name or self.name


def parse_field(spec: str) -> Field:
    match = re.fullmatch(r"(?P<name>\w+):(?P<lang>lang:)?(?P<kind>dec2|dec3|ean13|[a-zA-Z]+)(?P<flags>[!~^\d]*)(>(?P<link>[\w/]+))?(=(?P<default>.*))?", spec)
    if not match:
        raise ValueError(f"bad field spec {spec!r}")
    flags = match["flags"]
    size = re.search(r"\d+", flags)
    return Field(match["name"], match["kind"], lang=bool(match["lang"]), required="!" in flags,
                 size=int(size.group()) if size else KIND_SIZES.get(match["kind"]), link=match["link"], computed="~" in flags,
                 read_only="^" in flags, default=match["default"])


def resource(name: str, single: str, class_name: str, description: str, specs: str,
             associations: tuple[Association, ...] = (), **extra: object) -> Resource:
    return Resource(name, single, class_name, description, tuple(parse_field(s) for s in specs.split()), associations, **extra)


def ids(name: str, node: str, api: str | None = None) -> Association:
    return Association(name, node, api if api is not None else name)


LANG_META = "meta_title:lang:name255 meta_description:lang:name512 meta_keywords:lang:name255"

RESOURCES: dict[str, Resource] = {r.name: r for r in [
    resource("addresses", "address", "Address", "The Customer, Brand and Customer addresses",
             "id_customer:id>customers id_manufacturer:id>manufacturers id_supplier:id>suppliers id_warehouse:id>warehouses "
             "id_country:id!>countries id_state:id>states alias:name!32 company:name255 lastname:cname!255 "
             "firstname:cname!255 vat_number:name address1:address!128 address2:address128 postcode:postcode12 "
             "city:city!64 other:message300 phone:phone32 phone_mobile:phone32 dni:str16 deleted:bool "
             "date_add:date date_upd:date"),
    resource("attachments", "attachment", "Attachment", "The product Attachments",
             "file:str!40 file_name:str128 file_size:uint mime:str!128 name:lang:name!32 description:lang:html",
             (ids("products", "product"),)),
    resource("carriers", "carrier", "Carrier", "The Carriers",
             "deleted:bool is_module:bool id_tax_rules_group:id~ id_reference:id name:catalog!64 active:bool! "
             "is_free:bool url:str shipping_handling:bool shipping_external:bool range_behavior:bool "
             "shipping_method:uint max_width:uint max_height:uint max_depth:uint max_weight:float grade:uint "
             "external_module_name:str64 need_range:bool position:uint delay:lang:name!512"),
    resource("cart_rules", "cart_rule", "CartRule", "Cart rules management",
             "id_customer:id>customers date_from:date! date_to:date! description:str65534 quantity:uint "
             "quantity_per_user:uint priority:uint partial_use:bool code:str254 minimum_amount:float "
             "minimum_amount_tax:bool minimum_amount_currency:id minimum_amount_shipping:bool country_restriction:bool "
             "carrier_restriction:bool group_restriction:bool cart_rule_restriction:bool product_restriction:bool "
             "shop_restriction:bool free_shipping:bool reduction_percent:price reduction_amount:float reduction_tax:bool "
             "reduction_currency:id reduction_product:int reduction_exclude_special:bool gift_product:id "
             "gift_product_attribute:id highlight:bool active:bool date_add:date date_upd:date name:lang:catalog!254"),
    resource("carts", "cart", "Cart", "Customer's carts",
             "id_address_delivery:id>addresses id_address_invoice:id>addresses id_currency:id!>currencies "
             "id_customer:id>customers id_guest:id>guests id_lang:id!>languages id_shop_group:id id_shop:id "
             "id_carrier:id recyclable:bool gift:bool gift_message:message mobile_theme:bool "
             "delivery_option:str secure_key:str32 allow_seperated_package:bool date_add:date date_upd:date",
             (Association("cart_rows", "cart_row", None, ("id_product", "id_product_attribute", "id_address_delivery",
                                                          "id_customization", "quantity"),
                          {"id_product": "products", "id_product_attribute": "combinations",
                           "id_address_delivery": "addresses", "id_customization": "customizations"}),)),
    resource("categories", "category", "Category", "The product categories",
             "id_parent:id>categories level_depth:uint~ nb_products_recursive:int~^ active:bool! id_shop_default:id "
             "is_root_category:bool position:uint date_add:date date_upd:date name:lang:catalog!128 "
             "link_rewrite:lang:link!128 description:lang:html additional_description:lang:html " + LANG_META,
             (ids("categories", "category"), ids("products", "product"))),
    resource("combinations", "combination", "Combination", "The product combinations",
             "id_product:id!>products ean13:ean13 isbn:isbn upc:upc mpn:mpn reference:ref64 supplier_reference:ref64 "
             "wholesale_price:price price:nprice ecotax:price weight:float unit_price_impact:nprice "
             "minimal_quantity:uint!=1 low_stock_threshold:int low_stock_alert:bool default_on:bool "
             "available_date:dateonly available_now:lang:name255 available_later:lang:name255",
             (ids("product_option_values", "product_option_value"),
              Association("images", "image", "images/products"))),
    resource("configurations", "configuration", "Configuration", "Shop configuration",
             "value:str id_shop_group:id id_shop:id name:name!254 date_add:date date_upd:date"),
    resource("countries", "country", "Country", "The countries",
             "id_zone:id!>zones id_currency:id>currencies call_prefix:int iso_code:str!3 active:bool "
             "contains_states:bool! need_identification_number:bool! need_zip_code:bool zip_code_format:str12 "
             "display_tax_label:bool! name:lang:name!64"),
    resource("currencies", "currency", "Currency", "The currencies",
             "names:lang:str name:str^ symbol:lang:str iso_code:str!3 numeric_iso_code:str3 precision:uint "
             "conversion_rate:ufloat! deleted:ibool active:ibool unofficial:ibool modified:ibool pattern:lang:str"),
    resource("customer_messages", "customer_message", "CustomerMessage", "Customer service messages",
             "id_employee:id>employees id_customer_thread:id>customer_threads ip_address:str16 message:html!65000 "
             "file_name:str user_agent:str private:bool date_add:date date_upd:date read:bool"),
    resource("customer_threads", "customer_thread", "CustomerThread", "Customer service threads",
             "id_lang:id!>languages id_shop:id id_customer:id>customers id_order:id>orders id_product:id>products "
             "id_contact:id! email:email254 token:str! status:str date_add:date date_upd:date",
             (ids("customer_messages", "customer_message"),)),
    resource("customers", "customer", "Customer", "The e-shop's customers",
             "id_default_group:id>groups id_lang:id>languages newsletter_date_add:date ip_registration_newsletter:str "
             "last_passwd_gen:str^ secure_key:str^ deleted:bool passwd:str!255 lastname:cname!255 firstname:cname!255 "
             "email:email!255 id_gender:id birthday:dateonly newsletter:bool optin:bool website:str company:name255 "
             "siret:name14 ape:ape outstanding_allow_amount:ufloat show_public_prices:bool id_risk:id "
             "max_payment_days:uint active:bool note:html65000 is_guest:bool id_shop:id id_shop_group:id "
             "date_add:date date_upd:date reset_password_token:str40 reset_password_validity:date",
             (ids("groups", "group"),)),
    resource("deliveries", "delivery", "Delivery", "Product delivery",
             "id_carrier:id!>carriers id_range_price:id!>price_ranges id_range_weight:id!>weight_ranges "
             "id_zone:id!>zones id_shop:id id_shop_group:id price:price!"),
    resource("groups", "group", "Group", "The customer's groups",
             "reduction:float price_display_method:int! show_prices:bool date_add:date date_upd:date name:lang:cname!32"),
    resource("images", "image", "Image", "The images", "", methods=("GET", "POST", "PUT", "DELETE", "HEAD")),
    resource("languages", "language", "Language", "Shop languages",
             "name:name!32 iso_code:str!2 locale:str5 language_code:str5 active:bool is_rtl:bool date_format_lite:str!32 "
             "date_format_full:str!32"),
    resource("manufacturers", "manufacturer", "Manufacturer", "The product brands",
             "active:bool link_rewrite:link~ name:catalog!64 date_add:date date_upd:date description:lang:html "
             "short_description:lang:html " + LANG_META, (ids("addresses", "address"),)),
    resource("messages", "message", "Message", "The Messages",
             "id_address:id id_cart:id>carts id_order:id>orders id_customer:id>customers id_employee:id>employees "
             "message:message!1600 private:bool! date_add:date"),
    resource("order_carriers", "order_carrier", "OrderCarrier", "The Order carriers",
             "id_order:id!>orders id_carrier:id!>carriers id_order_invoice:id>order_invoices weight:ufloat "
             "shipping_cost_tax_excl:float shipping_cost_tax_incl:float tracking_number:tracking64 date_add:date"),
    resource("order_cart_rules", "order_cart_rule", "OrderCartRule", "The Order cart rules",
             "id_order:id!>orders id_cart_rule:id!>cart_rules id_order_invoice:id>order_invoices name:name! value:price! "
             "value_tax_excl:price! free_shipping:bool deleted:bool"),
    resource("order_details", "order_detail", "OrderDetail", "Details of an order",
             "id_order:id!>orders product_id:id>products product_attribute_id:id>combinations "
             "product_quantity_reinjected:uint group_reduction:dec2 discount_quantity_applied:uint download_hash:str "
             "download_deadline:date id_order_invoice:id>order_invoices id_warehouse:id! id_shop:id! "
             "id_customization:id>customizations product_name:str! product_quantity:int! product_quantity_in_stock:int "
             "product_quantity_return:uint product_quantity_refunded:uint product_price:price! reduction_percent:dec2 "
             "reduction_amount:price reduction_amount_tax_incl:price reduction_amount_tax_excl:price "
             "product_quantity_discount:float product_ean13:ean13 product_isbn:isbn product_upc:upc product_mpn:mpn "
             "product_reference:ref product_supplier_reference:ref product_weight:float tax_computation_method:uint "
             "id_tax_rules_group:id ecotax:float ecotax_tax_rate:dec3 download_nb:int unit_price_tax_incl:price "
             "unit_price_tax_excl:price total_price_tax_incl:price total_price_tax_excl:price "
             "total_shipping_price_tax_excl:price total_shipping_price_tax_incl:price purchase_supplier_price:price "
             "original_product_price:price original_wholesale_price:price total_refunded_tax_excl:price "
             "total_refunded_tax_incl:price", (ids("taxes", "tax"),)),
    resource("order_histories", "order_history", "OrderHistory", "The Order histories",
             "id_employee:id>employees id_order_state:id!>order_states id_order:id!>orders date_add:date"),
    resource("order_invoices", "order_invoice", "OrderInvoice", "The Order invoices",
             "id_order:id!>orders number:uint! delivery_number:uint delivery_date:date total_discount_tax_excl:price "
             "total_discount_tax_incl:price total_paid_tax_excl:price total_paid_tax_incl:price total_products:price "
             "total_products_wt:price total_shipping_tax_excl:price total_shipping_tax_incl:price "
             "shipping_tax_computation_method:uint total_wrapping_tax_excl:price total_wrapping_tax_incl:price "
             "shop_address:str note:str65000 date_add:date"),
    resource("order_payments", "order_payment", "OrderPayment", "The Order payments",
             "order_reference:str9 id_currency:id!>currencies amount:nprice! payment_method:name conversion_rate:float "
             "transaction_id:str254 card_number:str254 card_brand:str254 card_expiration:str254 card_holder:str254 "
             "date_add:date id_employee:str"),
    resource("order_slip", "order_slip", "OrderSlip", "The Order slips",
             "id_customer:id!>customers id_order:id!>orders conversion_rate:float! total_products_tax_excl:float! "
             "total_products_tax_incl:float! total_shipping_tax_excl:float! total_shipping_tax_incl:float! amount:float "
             "shipping_cost:bool shipping_cost_amount:float partial:ibool date_add:date date_upd:date "
             "order_slip_type:uint",
             (Association("order_slip_details", "order_slip_detail", None,
                          ("id", "id_order_detail", "product_quantity", "amount_tax_excl", "amount_tax_incl")),),
             list_name="order_slips"),
    resource("order_states", "order_state", "OrderState", "The Order statuses",
             "unremovable:bool delivery:bool hidden:bool send_email:bool module_name:str invoice:bool color:color "
             "logable:bool shipped:bool paid:bool pdf_delivery:bool pdf_invoice:bool deleted:bool "
             "name:lang:name!64 template:lang:str64"),
    resource("orders", "order", "Order", "The Customers orders",
             "id_address_delivery:id!>addresses id_address_invoice:id!>addresses id_cart:id!>carts "
             "id_currency:id!>currencies id_lang:id!>languages id_customer:id!>customers id_carrier:id!>carriers "
             "current_state:id>order_states module:str! invoice_number:uint invoice_date:date delivery_number:uint "
             "delivery_date:date valid:bool date_add:date date_upd:date shipping_number:tracking~ note:html "
             "id_shop_group:id id_shop:id secure_key:str payment:name! recyclable:bool gift:bool gift_message:message "
             "mobile_theme:bool total_discounts:price total_discounts_tax_incl:price total_discounts_tax_excl:price "
             "total_paid:price! total_paid_tax_incl:price total_paid_tax_excl:price total_paid_real:price! "
             "total_products:price! total_products_wt:price! total_shipping:price total_shipping_tax_incl:price "
             "total_shipping_tax_excl:price carrier_tax_rate:dec3 total_wrapping:price total_wrapping_tax_incl:price "
             "total_wrapping_tax_excl:price round_mode:uint round_type:uint conversion_rate:float! reference:str",
             (Association("order_rows", "order_row", None,
                          ("id", "product_id", "product_attribute_id", "product_quantity", "product_name",
                           "product_reference", "product_ean13", "product_isbn", "product_upc", "product_price",
                           "id_customization", "unit_price_tax_incl", "unit_price_tax_excl"),
                          {"product_id": "products", "id_customization": "customizations"}),)),
    resource("price_ranges", "price_range", "RangePrice", "Price ranges",
             "id_carrier:int!>carriers delimiter1:ufloat! delimiter2:ufloat!"),
    resource("product_feature_values", "product_feature_value", "FeatureValue", "The product feature values",
             "id_feature:id!>product_features custom:bool value:lang:name!255"),
    resource("product_features", "product_feature", "Feature", "The product features",
             "position:uint name:lang:name!128"),
    resource("product_option_values", "product_option_value", "Attribute", "The product options value",
             "id_attribute_group:id!>product_options color:color position:int name:lang:name!128"),
    resource("product_options", "product_option", "AttributeGroup", "The product options",
             "is_color_group:bool group_type:str! position:int name:lang:name!128 public_name:lang:name!64",
             (ids("product_option_values", "product_option_value"),)),
    resource("products", "product", "Product", "The products",
             "id_manufacturer:id>manufacturers id_supplier:id>suppliers id_category_default:id>categories new:null "
             "cache_default_attribute:cint id_default_image:int~>images id_default_combination:int~>combinations "
             "id_tax_rules_group:id>tax_rule_groups position_in_category:int~ manufacturer_name:str~^ quantity:int~^ "
             "type:str~=simple id_shop_default:id reference:ref64 supplier_reference:ref64 location:str255 width:ufloat "
             "height:ufloat depth:ufloat weight:ufloat quantity_discount:bool ean13:ean13 isbn:isbn upc:upc mpn:mpn "
             "cache_is_pack:bool cache_has_attachments:bool is_virtual:bool state:id=1 additional_delivery_times:id=1 "
             "delivery_in_stock:lang:name255 delivery_out_stock:lang:name255 product_type:name "
             "on_sale:bool online_only:bool ecotax:price minimal_quantity:uint=1 low_stock_threshold:int "
             "low_stock_alert:bool price:price! wholesale_price:price unity:str unit_price:price unit_price_ratio:ratio "
             "additional_shipping_cost:price customizable:uint text_fields:uint uploadable_files:uint active:bool "
             "redirect_type:str id_type_redirected:id available_for_order:bool=1 available_date:dateonly "
             "show_condition:bool condition:name=new show_price:bool=1 indexed:bool visibility:visibility=both "
             "advanced_stock_management:bool date_add:date date_upd:date pack_stock_type:uint=3 "
             "meta_description:lang:name512 meta_keywords:lang:name255 meta_title:lang:name255 link_rewrite:lang:link128 "
             "name:lang:catalog!128 description:lang:html description_short:lang:html available_now:lang:name255 "
             "available_later:lang:Iname255",
             (Association("categories", "category", "categories", required=("id",)), Association("images", "image", "images"),
              Association("combinations", "combination", "combinations", required=("id",)),
              Association("product_option_values", "product_option_value", "product_option_values", required=("id",)),
              Association("product_features", "product_feature", "product_features", ("id", "id_feature_value"),
                          {"id_feature_value": "product_feature_values"}, required=("id", "id_feature_value")),
              Association("tags", "tag", "tags", required=("id",)),
              Association("stock_availables", "stock_available", "stock_availables", ("id", "id_product_attribute"),
                          required=("id", "id_product_attribute")),
              Association("attachments", "attachment", "attachments", required=("id",)),
              Association("accessories", "product", "products", links={"id": "products"}, required=("id",)),
              Association("product_bundle", "product", "products", ("id", "id_product_attribute", "quantity"),
                          required=("id",)))),
    resource("shop_groups", "shop_group", "ShopGroup", "Shop groups from multi-shop feature",
             "name:catalog!64 color:str share_customer:bool share_order:bool share_stock:bool active:bool deleted:bool"),
    resource("shops", "shop", "Shop", "Shops from multi-shop feature",
             "id_shop_group:id!>shop_groups id_category:id! theme_name:str active:bool deleted:bool name:catalog!64"),
    resource("specific_prices", "specific_price", "SpecificPrice", "Specific price management",
             "id_shop_group:id id_shop:id!>shops id_cart:id! id_product:id!>products id_product_attribute:id "
             "id_currency:id! id_country:id! id_group:id! id_customer:id! id_specific_price_rule:id "
             "price:nprice! from_quantity:uint! reduction:price! reduction_tax:ibool! reduction_type:str! "
             "from:date! to:date!"),
    resource("states", "state", "State", "The available states of countries",
             "id_zone:id!>zones id_country:id!>countries iso_code:str!7 name:name!80 active:bool"),
    resource("stock_availables", "stock_available", "StockAvailable", "Available quantities",
             "id_product:id!>products id_product_attribute:id!>combinations id_shop:id>shops id_shop_group:id "
             "quantity:int! depends_on_stock:bool! out_of_stock:int! location:str255",
             methods=("GET", "PUT", "PATCH", "HEAD")),
    resource("suppliers", "supplier", "Supplier", "The product suppliers",
             "link_rewrite:link~ name:catalog!64 active:bool date_add:date date_upd:date description:lang:html "
             "" + LANG_META),
    resource("tags", "tag", "Tag", "The Products tags", "id_lang:id!>languages name:name!32"),
    resource("tax_rule_groups", "tax_rule_group", "TaxRulesGroup", "Tax rule groups",
             "name:name!64 active:bool deleted:bool date_add:date date_upd:date"),
    resource("tax_rules", "tax_rule", "TaxRule", "Tax rules entity",
             "id_tax_rules_group:id!>tax_rule_groups id_state:id id_country:id!>countries zipcode_from:str12 "
             "zipcode_to:str12 id_tax:id!>taxes behavior:int description:str100"),
    resource("taxes", "tax", "Tax", "The tax rate", "rate:float! active:bool deleted:bool name:lang:name!32"),
    resource("weight_ranges", "weight_range", "RangeWeight", "Weight ranges",
             "id_carrier:int!>carriers delimiter1:ufloat! delimiter2:ufloat!"),
    resource("zones", "zone", "Zone", "The Countries zones", "name:name!64 active:bool"),
]}

# Resources PrestaShop 8.1.2 lists (error 27 names them all) that the sandbox does not serve.
OTHER_PRESTASHOP_RESOURCES = (
    "contacts", "content_management_system", "customizations", "employees", "guests", "image_types",
    "product_customization_fields", "product_suppliers", "search",
    "shop_urls", "specific_price_rules", "stock_movement_reasons", "stock_movements", "stocks", "stores",
    "supply_order_details", "supply_order_histories", "supply_order_receipt_histories", "supply_order_states",
    "supply_orders", "translated_configurations", "warehouse_product_locations", "warehouses",
)
ALL_PRESTASHOP_RESOURCES = tuple(sorted(set(RESOURCES) | set(OTHER_PRESTASHOP_RESOURCES)))
