"""What the sandbox shops share: fault injection, serving on a local port."""
