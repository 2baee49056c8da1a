"""`python -m tabularium_client`: see tabularium_client.cli."""

from tabularium_client.cli import main

raise SystemExit(main())
