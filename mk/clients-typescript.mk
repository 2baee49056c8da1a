# TypeScript client (clients/typescript): npm package built with tsc, tested with node --test
# against a live node. Dependencies are pinned in package.json and locked in package-lock.json.
TS_DIR := clients/typescript
TS_DEPS_STAMP := $(TS_DIR)/node_modules/.deps-installed

.PHONY: protos-typescript lint-typescript test-typescript

$(TS_DEPS_STAMP): $(TS_DIR)/package.json $(TS_DIR)/package-lock.json
	cd $(TS_DIR) && npm ci --silent --no-audit --no-fund
	touch $@

protos-typescript: $(BUF) $(TS_DEPS_STAMP) ## regenerate clients/typescript/src/gen from proto/
	rm -rf $(TS_DIR)/src/gen
	cd $(TS_DIR) && $(CURDIR)/$(BUF) generate

lint-typescript: $(BUF) $(TS_DEPS_STAMP) ## generated TypeScript is fresh; tsc --noEmit
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  (cd $(TS_DIR) && $(CURDIR)/$(BUF) generate -o "$$tmp") && \
	  diff -r "$$tmp/src/gen" $(TS_DIR)/src/gen || \
	  { echo "stale generated TypeScript in $(TS_DIR)/src/gen (run: make protos)"; exit 1; }
	cd $(TS_DIR) && node_modules/.bin/tsc -p . --noEmit

test-typescript: setup $(TS_DEPS_STAMP) ## TypeScript client tests (unit, vectors, live node, CLI)
	cd $(TS_DIR) && rm -rf dist && node_modules/.bin/tsc -p . && node --test dist/test/*.test.js

PROTO_TARGETS += protos-typescript
LINT_TARGETS += lint-typescript
TEST_TARGETS += test-typescript
