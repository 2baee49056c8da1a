"""Assembly of the gRPC server: ledger, domains, interceptors, health, reflection, metrics."""

from __future__ import annotations

import asyncio
import logging
import signal

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from prometheus_client import start_http_server

from tabularium.api.interceptors.errors_and_telemetry import ErrorsAndTelemetryInterceptor
from tabularium.api.registry import build_actions
from tabularium.api.servicers.documents import DocumentsServicer
from tabularium.api.servicers.ledger import LedgerServicer
from tabularium.chain.ledger import Ledger, LedgerConfig
from tabularium.config import ServerConfig
from tabularium.documents.v1 import documents_pb2, documents_pb2_grpc
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.storage import Store

log = logging.getLogger("tabularium.server")

SERVICE_NAMES = (
    ledger_pb2.DESCRIPTOR.services_by_name["LedgerService"].full_name,
    documents_pb2.DESCRIPTOR.services_by_name["DocumentsService"].full_name,
)


class Node:
    """A running node: the gRPC server and the ledger behind it."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.store = Store(config.store_dir, map_size=config.map_size_gib << 30)
        self.ledger = Ledger(
            self.store,
            load_private_key(config.node_key_path),
            build_actions(),
            LedgerConfig(
                max_tx_bytes=config.max_tx_bytes,
                max_block_txs=config.max_block_txs,
                max_block_delay=config.block_delay_ms / 1000,
            ),
        )
        self.health = health.aio.HealthServicer()  # type: ignore[attr-defined]
        self.server = grpc.aio.server(
            interceptors=[ErrorsAndTelemetryInterceptor()],
            options=[
                ("grpc.max_receive_message_length", config.max_message_bytes),
                ("grpc.max_send_message_length", config.max_message_bytes),
                ("grpc.so_reuseport", 0),
            ],
        )
        ledger_pb2_grpc.add_LedgerServiceServicer_to_server(
            LedgerServicer(self.ledger), self.server
        )
        documents_pb2_grpc.add_DocumentsServiceServicer_to_server(
            DocumentsServicer(self.ledger), self.server
        )
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        reflection.enable_server_reflection(
            (*SERVICE_NAMES, health.SERVICE_NAME, reflection.SERVICE_NAME), self.server
        )
        self.port = self.server.add_insecure_port(config.listen)
        if self.port == 0:
            raise OSError(f"cannot listen on {config.listen}")

    async def start(self) -> None:
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
            },
        )

    async def stop(self) -> None:
        """Finish the block in flight, then stop serving."""
        log.info("shutting down: finishing the block in flight")
        await self.health.enter_graceful_shutdown()
        await self.ledger.stop()
        await self.server.stop(self.config.shutdown_grace_seconds)
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
