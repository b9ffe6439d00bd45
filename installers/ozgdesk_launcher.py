"""Entry script of the PyInstaller bundle (see installers/ozgdesk.spec).

A launcher outside the package, so that PyInstaller's analysis does not put
``ozgdesk/`` itself on the module search path (where ``paths``, ``store``,
``ui`` … would look like top-level modules).
"""

import sys

from ozgdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
