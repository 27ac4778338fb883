"""`parting serve`: the local web app, one more face over `plan` and `render` (like cli.py)."""
