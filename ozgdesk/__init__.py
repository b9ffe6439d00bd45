"""ozgdesk: the OZG coordinator's desktop tool for small municipalities."""

__version__ = "0.1.0"
APP_NAME = "ozgdesk"
