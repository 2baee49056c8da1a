# Tabularium: the one entry point. `make run` serves a local node; `make test` runs everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
BUF_VERSION := 1.75.0
BUF := .tools/node_modules/.bin/buf
DATA_DIR ?= ./data
LISTEN ?= 127.0.0.1:50051
PROTO_FILES := $(shell find proto -name '*.proto' | sort)
RUST_SOURCES := $(shell find core_ext -name '*.rs' -o -name 'Cargo.toml' -o -name 'Cargo.lock' | grep -v '/target/')
EXT_STAMP := $(VENV)/.ext-built
DEPS_STAMP := $(VENV)/.deps-installed

.PHONY: help setup run test test-rust test-python lint protos protos-check protos-baseline bench clean

# Per-component fragments (client libraries, benchmarks) add their own targets to these lists.
PROTO_TARGETS :=
LINT_TARGETS :=
TEST_TARGETS :=
-include $(sort $(wildcard mk/*.mk))

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(DEPS_STAMP): pyproject.toml requirements/constraints.txt
	@command -v cargo >/dev/null || { echo "cargo not found: install a Rust toolchain (rustup)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PY) scripts/pyproject_deps.py > $(VENV)/requirements.txt
	$(PIP) install -q -c requirements/constraints.txt -r $(VENV)/requirements.txt
	touch $@

$(EXT_STAMP): $(DEPS_STAMP) $(RUST_SOURCES) pyproject.toml
	$(VENV)/bin/maturin develop --release --locked -q
	touch $@

setup: $(EXT_STAMP) ## create .venv, install dependencies, build the Rust extension (release)

$(BUF):
	mkdir -p .tools
	cd .tools && npm install --silent --no-audit --no-fund --prefix . @bufbuild/buf@$(BUF_VERSION) >/dev/null

protos: $(DEPS_STAMP) $(PROTO_TARGETS) ## regenerate all generated code from proto/
	scripts/gen_protos.sh server

protos-baseline: $(BUF) ## accept the current protos as the baseline `buf breaking` compares with
	cd proto && ../$(BUF) build -o baseline/api.binpb

protos-check: $(DEPS_STAMP) ## fail if generated code is stale
	scripts/check_protos_fresh.sh

run: setup ## start a local node on $(LISTEN) with data in $(DATA_DIR) (init on first start)
	test -f $(DATA_DIR)/genesis.json || $(VENV)/bin/tabularium init --data-dir $(DATA_DIR)
	exec $(VENV)/bin/tabularium serve --data-dir $(DATA_DIR) --listen $(LISTEN)

lint: setup $(BUF) $(LINT_TARGETS) ## ruff, mypy --strict, stubtest, cargo fmt/clippy, buf lint, generated-code freshness
	$(VENV)/bin/ruff check server tests benchmarks clients/cross
	$(VENV)/bin/ruff format --check server tests benchmarks clients/cross
	$(VENV)/bin/mypy server/tabularium
	$(PY) -m mypy.stubtest tabularium._core
	cd core_ext && cargo fmt --all --check
	cd core_ext && cargo clippy --workspace --all-targets --locked -q -- -D warnings
	$(VENV)/bin/lint-imports --no-cache
	@! grep -rlE 'tabularium\._core|from tabularium import _core' server/tabularium --include='*.py' \
		| grep -v '^server/tabularium/crypto/' || { echo "only tabularium.crypto may import _core"; exit 1; }
	cd proto && ../$(BUF) lint
	cd proto && ../$(BUF) breaking --against baseline/api.binpb
	scripts/check_protos_fresh.sh

test-rust: ## cargo test for the Rust crates
	cd core_ext && cargo test --workspace --locked -q

test-python: setup ## the pytest suite (unit, integration, one tiny pass of each benchmark)
	$(VENV)/bin/pytest -q tests benchmarks

test: setup lint test-rust test-python $(TEST_TARGETS) ## everything CI runs

bench: setup bench-tools ## all benchmarks, same-run baselines; JSON, SUMMARY.md, plots in benchmarks/results/ (sizes: benchmarks/run.py)
	$(PY) -m benchmarks.run

clean: ## remove build output (keeps ./data)
	rm -rf $(VENV) core_ext/target .tools
