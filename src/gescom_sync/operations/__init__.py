"""The operations of SPEC §3: one module per operation, read -> map -> diff -> write -> bind -> journal."""
