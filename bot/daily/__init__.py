"""The layer of the day: what to post on a date, when, and a ledger so it is posted once."""
