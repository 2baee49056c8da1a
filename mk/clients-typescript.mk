# TypeScript client (clients/typescript): npm package built with tsc, tested with node --test
# against a live node. Dependencies are pinned in package.json and locked in package-lock.json.
TS_DIR := clients/typescript
TS_DEPS_STAMP := $(TS_DIR)/node_modules/.deps-installed

.PHONY: clients-typescript-protos clients-typescript-lint clients-typescript-test

$(TS_DEPS_STAMP): $(TS_DIR)/package.json $(TS_DIR)/package-lock.json
	cd $(TS_DIR) && npm ci --silent --no-audit --no-fund
	touch $@

clients-typescript-protos: $(BUF) $(TS_DEPS_STAMP)
	rm -rf $(TS_DIR)/src/gen
	cd $(TS_DIR) && $(CURDIR)/$(BUF) generate

clients-typescript-lint: $(BUF) $(TS_DEPS_STAMP)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  (cd $(TS_DIR) && $(CURDIR)/$(BUF) generate -o "$$tmp") && \
	  diff -r "$$tmp/src/gen" $(TS_DIR)/src/gen || \
	  { echo "stale generated TypeScript in $(TS_DIR)/src/gen (run: make protos)"; exit 1; }
	cd $(TS_DIR) && node_modules/.bin/tsc -p . --noEmit

clients-typescript-test: $(EXT_STAMP) $(TS_DEPS_STAMP)
	cd $(TS_DIR) && rm -rf dist && node_modules/.bin/tsc -p . && node --test dist/test/*.test.js

PROTO_TARGETS += clients-typescript-protos
LINT_TARGETS += clients-typescript-lint
TEST_TARGETS += clients-typescript-test
