# Benchmarks (`make bench`): the Go load generator (benchmarks/load/go, its own module using the Go
# client library in clients/go through a replace directive) and the pinned Tessera peer, in a
# project-local GOBIN. `make test` needs none of this: it runs each benchmark once on tiny sizes
# with the Python client (see benchmarks/test_*.py).
BENCH_GOBIN := $(CURDIR)/.tools/go/bin
TESSERA_VERSION := v1.0.4
TESSERA_STAMP := $(BENCH_GOBIN)/.tessera-$(TESSERA_VERSION)
LOADGEN := $(BENCH_GOBIN)/loadgen
LOADGEN_SOURCES := $(shell find benchmarks/load/go clients/go -name '*.go' -o -name 'go.mod' -o -name 'go.sum' 2>/dev/null)

.PHONY: bench-tools

$(TESSERA_STAMP):
	@command -v go >/dev/null || { echo "go not found: install Go 1.26"; exit 1; }
	mkdir -p $(BENCH_GOBIN)
	GOBIN=$(BENCH_GOBIN) go install github.com/transparency-dev/tessera/cmd/conformance/posix@$(TESSERA_VERSION)
	GOBIN=$(BENCH_GOBIN) go install github.com/transparency-dev/tessera/internal/hammer@$(TESSERA_VERSION)
	touch $@

$(LOADGEN): $(LOADGEN_SOURCES)
	@command -v go >/dev/null || { echo "go not found: install Go 1.26"; exit 1; }
	mkdir -p $(BENCH_GOBIN)
	cd benchmarks/load/go && go build -trimpath -o $(LOADGEN) .

bench-tools: $(TESSERA_STAMP) $(LOADGEN) ## the Go load generator and Tessera (pinned) for make bench

.PHONY: bench-lint
bench-lint: ## gofmt and go vet of the Go load generator
	@test -z "$$(gofmt -l benchmarks/load/go)" || { gofmt -l benchmarks/load/go; exit 1; }
	cd benchmarks/load/go && go vet ./...

LINT_TARGETS += bench-lint
