# Cross-language agreement (one live node each): every client's receipt is verified by every
# client, and every client reads (a logged, signed vault read) every client's stored document.
# Runs after the four clients' own suites have built them.
.PHONY: clients-cross-test

clients-cross-test: $(EXT_STAMP) clients-python-test clients-go-test clients-typescript-test clients-java-test
	$(VENV)/bin/pytest -q -p no:cacheprovider clients/cross

TEST_TARGETS += clients-cross-test
