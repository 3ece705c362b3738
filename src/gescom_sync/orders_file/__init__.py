"""Orders from a file (SPEC §3.6 "load orders from a file"): the shop-neutral
:class:`~gescom_sync.model.order.Order` serialised as XML.

The schema is ``orders.xsd`` next to this file, described in docs/orders-file.md.
"""

from importlib import resources

from gescom_sync.orders_file.reader import OrdersFileError, read_orders_file
from gescom_sync.orders_file.writer import orders_xml, write_orders_file

SCHEMA = resources.files(__name__) / "orders.xsd"

__all__ = ["SCHEMA", "OrdersFileError", "orders_xml", "read_orders_file", "write_orders_file"]
