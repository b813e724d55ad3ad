"""``python -m corpus_tools``: the ``corpus-tools`` command."""

import sys

from corpus_tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
