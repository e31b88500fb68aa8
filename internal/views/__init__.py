"""Views of the staff area: accounts, settings, confirmations, the token feed, admin reports."""
