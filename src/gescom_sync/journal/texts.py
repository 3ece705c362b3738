"""Journal texts shared by several operations: steps and item reasons.

``journal.step(texts.READING_PRODUCTS)``, ``journal.item("product", ref, "skipped",
reason=texts.NOT_PUBLISHED)``. A text that belongs to one operation only is written
``N_("...")`` in that operation's module and translated in its own catalogue.
"""

from gescom_sync.journal.events import N_

# Steps
READING_PRODUCTS = N_("Reading products")
READING_STOCK = N_("Reading stock")
READING_PRICES = N_("Reading prices")
READING_CUSTOMERS = N_("Reading customers")
READING_ORDERS = N_("Reading orders")
ANALYSING_ORDERS = N_("Analysing orders")
SENDING_TO_SHOP = N_("Sending to the shop")

# Why an item was skipped or failed
DORMANT = N_("dormant in the back office")
NOT_PUBLISHED = N_("not published on the web")
NO_VALID_EMAIL = N_("no valid e-mail address")
SHOP_REFUSED = N_("the shop refused it: {message}")
