"""parting: end a client relationship well, with the money exact and the handover complete."""

__version__ = "0.1.0"
