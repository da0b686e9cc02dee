"""``python -m klaster.bibliography KEY ...``: print the References bullets for these works."""
import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
