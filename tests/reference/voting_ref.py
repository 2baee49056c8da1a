"""The reference now ships with the package (tabularium.crypto.voting_ref) so that
`tabularium election verify --reference` can use it; this name stays for the tests."""

import sys

from tabularium.crypto import voting_ref as _reference

sys.modules[__name__] = _reference
