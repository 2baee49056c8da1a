# CometBFT (multi-agency replication): the pinned `cometbft` and `abci-cli` binaries, built by
# `go install` into a git-ignored project folder. `make test` needs them (the consensus tests
# start real CometBFT processes); `make run` needs neither Go nor CometBFT.
COMETBFT_VERSION := v0.38.25
COMETBFT_DIR := .tools/cometbft-$(COMETBFT_VERSION)
COMETBFT_STAMP := $(COMETBFT_DIR)/VERSION
GO_MIN_FOR_COMETBFT := 1.22.11

.PHONY: cometbft

$(COMETBFT_STAMP): scripts/install_cometbft.sh
	scripts/install_cometbft.sh $(COMETBFT_VERSION) $(COMETBFT_DIR) $(GO_MIN_FOR_COMETBFT)

cometbft: $(COMETBFT_STAMP) ## CometBFT and abci-cli v0.38.25 (pinned, go install) into .tools/

test-python: $(COMETBFT_STAMP)

NETWORK_DIR ?= ./network
.PHONY: run-network
run-network: setup $(COMETBFT_STAMP) ## four local agencies replicated by CometBFT, data in $(NETWORK_DIR) (needs Go)
	scripts/run_network.sh $(NETWORK_DIR)

# The network benchmark section runs four CometBFT validators.
bench-tools: $(COMETBFT_STAMP)
