"""cebdesk: cross-border e-commerce customs declarations (CEB messages), desktop and headless."""

__version__ = "0.1.0"
