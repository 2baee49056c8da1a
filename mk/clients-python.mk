# Python client library (clients/python, distribution `tabularium-client`): its own generated
# stubs under tabularium_client.pb, lint (freshness, ruff, mypy --strict), and its tests against
# a live node. Installed editable into the project's .venv, whose pinned packages it uses.
CLIENT_PY := clients/python
CLIENT_PY_STAMP := $(VENV)/.client-python-installed

$(CLIENT_PY_STAMP): $(DEPS_STAMP) $(CLIENT_PY)/pyproject.toml
	$(PIP) install -q --no-deps -e $(CLIENT_PY)
	touch $@

.PHONY: clients-python-protos clients-python-lint clients-python-test

clients-python-protos: $(DEPS_STAMP)
	$(CLIENT_PY)/scripts/gen_protos.sh

clients-python-lint: $(CLIENT_PY_STAMP)
	$(CLIENT_PY)/scripts/check_protos_fresh.sh
	cd $(CLIENT_PY) && ../../$(VENV)/bin/ruff check . && ../../$(VENV)/bin/ruff format --check .
	cd $(CLIENT_PY) && ../../$(VENV)/bin/mypy

clients-python-test: $(EXT_STAMP) $(CLIENT_PY_STAMP)
	cd $(CLIENT_PY) && ../../$(VENV)/bin/pytest -q

PROTO_TARGETS += clients-python-protos
LINT_TARGETS += clients-python-lint
TEST_TARGETS += clients-python-test
