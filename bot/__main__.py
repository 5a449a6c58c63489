"""`python -m bot` is the same as the `osi-bot` command."""

import sys

from bot.cli import main

sys.exit(main())
