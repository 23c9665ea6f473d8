"""The domain: models, rules and services of account planning. No Qt here."""
