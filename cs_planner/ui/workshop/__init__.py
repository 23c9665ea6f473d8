"""Workshop mode: the window as the customer may see it (rules in domain/workshop)."""
