"""gescom-sync: keeps a merchant's back office and online shops in sync."""

__version__ = "0.1.0"
