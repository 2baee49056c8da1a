"""Server configuration. Every field has a flag and a TABULARIUM_* environment variable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_LISTEN = "127.0.0.1:50051"


@dataclass(frozen=True, slots=True)
class ServerConfig:
    data_dir: Path
    listen: str = DEFAULT_LISTEN
    metrics_listen: str = ""
    max_tx_bytes: int = 64 * 1024
    max_message_bytes: int = 16 * 1024 * 1024
    max_block_txs: int = 5000
    max_block_bytes: int = 32 * 1024 * 1024
    block_delay_ms: float = 0.0
    shutdown_grace_seconds: float = 10.0
    map_size_gib: float = 64
    auth_max_skew_seconds: float = 300.0
    # TLS: server certificate chain and key (PEM). With tls_client_ca set, clients must present
    # a certificate signed by that CA (mutual TLS for agency-to-agency links).
    tls_cert: Path | None = None
    tls_key: Path | None = None
    tls_client_ca: Path | None = None
    # Wraps vault document keys: "file" (keys/vault-master.key, created on first use),
    # "file:<path>", or "<module>:<factory>" returning a tabularium.storage.vault.KeyWrapper.
    vault_key_wrapper: str = "file"

    @property
    def store_dir(self) -> Path:
        return self.data_dir / "ledger"

    @property
    def node_key_path(self) -> Path:
        return self.data_dir / "keys" / "node.key"

    @property
    def admin_key_path(self) -> Path:
        return self.data_dir / "keys" / "admin.key"

    @property
    def vault_dir(self) -> Path:
        return self.data_dir / "vault"

    @property
    def bid_documents_dir(self) -> Path:
        """Sealed bids' document ciphertexts (procurement), encrypted again at rest."""
        return self.data_dir / "procurement"

    @property
    def vault_master_key_path(self) -> Path:
        return self.data_dir / "keys" / "vault-master.key"

    @property
    def genesis_path(self) -> Path:
        return self.data_dir / "genesis.json"
