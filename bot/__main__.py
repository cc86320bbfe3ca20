"""`python -m bot` runs the quotebot CLI."""

from bot.cli import main

raise SystemExit(main())
