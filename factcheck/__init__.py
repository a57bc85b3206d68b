"""factcheck: check that an article's claims are backed by the sources it cites."""

__version__ = "0.1.0"

__all__ = ["__version__"]
