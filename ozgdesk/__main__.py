"""Entry point: ``ozgdesk`` and ``python -m ozgdesk``."""

import sys


def main() -> int:
    from ozgdesk.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
