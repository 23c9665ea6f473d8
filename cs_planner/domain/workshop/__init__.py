"""Workshop mode's rules: what the customer may see (``privacy``)."""
