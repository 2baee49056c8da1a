"""Assembly of the gRPC server: ledger, domains, interceptors, health, reflection, metrics."""

from __future__ import annotations

import asyncio
import logging
import signal

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from prometheus_client import start_http_server

from tabularium.api.interceptors.authentication import AuthenticationInterceptor
from tabularium.api.interceptors.errors_and_telemetry import ErrorsAndTelemetryInterceptor
from tabularium.api.registry import build_actions
from tabularium.api.servicers import credentials as credentials_servicer
from tabularium.api.servicers import identity as identity_servicer
from tabularium.api.servicers import pharma as pharma_servicer
from tabularium.api.servicers import procurement as procurement_servicer
from tabularium.api.servicers import tax as tax_servicer
from tabularium.api.servicers import vault as vault_servicer
from tabularium.api.servicers.documents import DocumentsServicer
from tabularium.api.servicers.landregistry import LandRegistryServicer
from tabularium.api.servicers.ledger import LedgerServicer
from tabularium.api.servicers.ledger import add_to_server as add_ledger_service
from tabularium.api.servicers.procurement import ProcurementServicer
from tabularium.api.servicers.voting import VotingServicer
from tabularium.chain.identity import NAMESPACE as IDENTITY
from tabularium.chain.identity import IdentityReader
from tabularium.chain.ledger import Ledger, LedgerConfig
from tabularium.config import ServerConfig
from tabularium.credentials.v1 import credentials_pb2, credentials_pb2_grpc
from tabularium.documents.v1 import documents_pb2, documents_pb2_grpc
from tabularium.identity.v1 import identity_pb2, identity_pb2_grpc
from tabularium.keys import load_private_key
from tabularium.landregistry.v1 import landregistry_pb2, landregistry_pb2_grpc
from tabularium.ledger.v1 import ledger_pb2
from tabularium.pharma.v1 import pharma_pb2, pharma_pb2_grpc
from tabularium.procurement.v1 import procurement_pb2, procurement_pb2_grpc
from tabularium.storage import Store
from tabularium.storage.vault import VaultStore, load_key_wrapper
from tabularium.tax.v1 import tax_pb2, tax_pb2_grpc
from tabularium.vault.v1 import vault_pb2, vault_pb2_grpc
from tabularium.voting.v1 import voting_pb2, voting_pb2_grpc

log = logging.getLogger("tabularium.server")

SERVICE_NAMES = (
    ledger_pb2.DESCRIPTOR.services_by_name["LedgerService"].full_name,
    documents_pb2.DESCRIPTOR.services_by_name["DocumentsService"].full_name,
    identity_pb2.DESCRIPTOR.services_by_name["IdentityService"].full_name,
    credentials_pb2.DESCRIPTOR.services_by_name["CredentialsService"].full_name,
    vault_pb2.DESCRIPTOR.services_by_name["VaultService"].full_name,
    landregistry_pb2.DESCRIPTOR.services_by_name["LandRegistryService"].full_name,
    tax_pb2.DESCRIPTOR.services_by_name["TaxService"].full_name,
    pharma_pb2.DESCRIPTOR.services_by_name["PharmaService"].full_name,
    procurement_pb2.DESCRIPTOR.services_by_name["ProcurementService"].full_name,
    voting_pb2.DESCRIPTOR.services_by_name["VotingService"].full_name,
)
# Methods that take signed requests (tabularium.rpcauth); every other method is public.
AUTHENTICATED_METHODS = {
    **identity_servicer.AUTH,
    **credentials_servicer.AUTH,
    **vault_servicer.AUTH,
    **tax_servicer.AUTH,
    **pharma_servicer.AUTH,
    **procurement_servicer.AUTH,
}


class Node:
    """A running node: the gRPC server and the ledger behind it."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.store = Store(
            config.store_dir, map_size=int(config.map_size_gib * (1 << 30)) // 4096 * 4096
        )
        self.ledger = Ledger(
            self.store,
            load_private_key(config.node_key_path),
            build_actions(),
            LedgerConfig(
                max_tx_bytes=config.max_tx_bytes,
                max_block_txs=config.max_block_txs,
                max_block_bytes=config.max_block_bytes,
                max_block_delay=config.block_delay_ms / 1000,
            ),
        )
        self.health = health.aio.HealthServicer()  # type: ignore[attr-defined]
        self.server = grpc.aio.server(
            interceptors=[
                ErrorsAndTelemetryInterceptor(),
                AuthenticationInterceptor(
                    AUTHENTICATED_METHODS,
                    lambda: IdentityReader(lambda key: self.ledger.domain_state(IDENTITY, key)),
                    max_skew_seconds=config.auth_max_skew_seconds,
                ),
            ],
            options=[
                ("grpc.max_receive_message_length", config.max_message_bytes),
                ("grpc.max_send_message_length", config.max_message_bytes),
                ("grpc.so_reuseport", 0),
            ],
        )
        add_ledger_service(LedgerServicer(self.ledger), self.server)
        documents_pb2_grpc.add_DocumentsServiceServicer_to_server(
            DocumentsServicer(self.ledger), self.server
        )
        identity_pb2_grpc.add_IdentityServiceServicer_to_server(
            identity_servicer.IdentityServicer(self.ledger), self.server
        )
        credentials_pb2_grpc.add_CredentialsServiceServicer_to_server(
            credentials_servicer.CredentialsServicer(
                self.ledger, load_private_key(config.node_key_path)
            ),
            self.server,
        )
        self.vault = VaultStore(
            config.vault_dir,
            self.store,
            load_key_wrapper(config.vault_key_wrapper, config.vault_master_key_path),
        )
        self.shredder = vault_servicer.Shredder(self.ledger, self.vault)
        self.ledger.add_commit_listener(self.shredder.on_commit)
        vault_pb2_grpc.add_VaultServiceServicer_to_server(
            vault_servicer.VaultServicer(self.ledger, self.vault), self.server
        )
        landregistry_pb2_grpc.add_LandRegistryServiceServicer_to_server(
            LandRegistryServicer(self.ledger), self.server
        )
        tax_pb2_grpc.add_TaxServiceServicer_to_server(
            tax_servicer.TaxServicer(self.ledger), self.server
        )
        pharma_pb2_grpc.add_PharmaServiceServicer_to_server(
            pharma_servicer.PharmaServicer(self.ledger, self.vault), self.server
        )
        procurement_pb2_grpc.add_ProcurementServiceServicer_to_server(
            ProcurementServicer(
                self.ledger,
                VaultStore(
                    config.bid_documents_dir,
                    self.store,
                    self.vault.wrapper,
                    procurement_servicer.DOCUMENTS_PREFIX,
                ),
            ),
            self.server,
        )
        voting_pb2_grpc.add_VotingServiceServicer_to_server(
            VotingServicer(self.ledger), self.server
        )
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        reflection.enable_server_reflection(
            (*SERVICE_NAMES, health.SERVICE_NAME, reflection.SERVICE_NAME), self.server
        )
        if config.tls_cert is not None and config.tls_key is not None:
            credentials = grpc.ssl_server_credentials(
                [(config.tls_key.read_bytes(), config.tls_cert.read_bytes())],
                root_certificates=(
                    config.tls_client_ca.read_bytes() if config.tls_client_ca else None
                ),
                require_client_auth=config.tls_client_ca is not None,
            )
            self.port = self.server.add_secure_port(config.listen, credentials)
        else:
            self.port = self.server.add_insecure_port(config.listen)
        if self.port == 0:
            raise OSError(f"cannot listen on {config.listen}")

    async def start(self) -> None:
        await asyncio.to_thread(self.shredder.sweep)
        await self.ledger.start()
        await self.server.start()
        for name in ("", *SERVICE_NAMES):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        if self.config.metrics_listen:
            host, _, port = self.config.metrics_listen.rpartition(":")
            start_http_server(int(port), addr=host or "127.0.0.1")
        head = self.ledger.head
        log.info(
            "serving",
            extra={
                "listen": self.config.listen,
                "port": self.port,
                "chain_id": self.ledger.genesis.chain_id,
                "height": head.height,
                "tree_size": head.size,
                "metrics": self.config.metrics_listen or None,
                "tls": "mutual"
                if self.config.tls_client_ca
                else ("server" if self.config.tls_cert else "off"),
            },
        )

    async def stop(self) -> None:
        """Finish the block in flight, then stop serving."""
        log.info("shutting down: finishing the block in flight")
        await self.health.enter_graceful_shutdown()
        await self.ledger.stop()
        await self.server.stop(self.config.shutdown_grace_seconds)
        await self.shredder.drain()
        self.store.close()
        log.info("stopped", extra={"height": self.ledger.head.height})


async def serve(config: ServerConfig) -> None:
    """Run a node until SIGTERM or SIGINT."""
    node = Node(config)
    await node.start()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    await stopping.wait()
    await node.stop()
