"""The ledger core: transaction checks, execution, blocks, the Merkle log and checkpoints."""
