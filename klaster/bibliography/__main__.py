"""``python -m klaster.bibliography KEY ...``: print the References bullets for these works."""
import sys

from . import main

sys.exit(main())
