"""Entry point: ``ozgdesk`` and ``python -m ozgdesk``."""

import contextlib
import sys


def main() -> int:
    from ozgdesk import cli

    code = cli.main()
    if cli.ran_command:
        _quick_exit(code)
    return code


def _quick_exit(code: int) -> None:
    """End a headless command at once: everything is written and closed by now, and
    tearing down the interpreter after a large import (SQLAlchemy's and the rows' objects)
    takes a noticeable part of a second. Output and log are flushed first."""
    import logging
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
