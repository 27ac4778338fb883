"""Templates and output formats. Every document is rendered from the package's data."""
