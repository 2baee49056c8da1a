"""The reference now ships with the package (tabularium.crypto.threshold_ref) so that
`tabularium election verify --reference` can use it; this name stays for the tests."""

import sys

from tabularium.crypto import threshold_ref as _reference

sys.modules[__name__] = _reference
