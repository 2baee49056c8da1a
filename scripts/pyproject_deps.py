"""Print the runtime and dev dependencies declared in pyproject.toml, one per line.

`make setup` installs them (pinned by requirements/constraints.txt) before building the
extension with `maturin develop`, so the dependency list lives in one place.
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text())[
    "project"
]
for requirement in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
    print(requirement)
