"""Mutual TLS for agency-to-agency links: the server demands a certificate from our CA."""

from __future__ import annotations

import datetime
from pathlib import Path

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tests.conftest import Chain, NodeProcess


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _issue(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None,
    *,
    ca: bool = False,
    dns: str | None = None,
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer[0].subject if issuer else _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if dns:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(dns)]), critical=False
        )
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture
def pki(tmp_path: Path) -> dict[str, bytes]:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _issue("test agencies CA", ca_key, None, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _issue("node", server_key, (ca, ca_key), dns="localhost")
    client_key = ec.generate_private_key(ec.SECP256R1())
    client = _issue("tax office", client_key, (ca, ca_key))
    rogue_key = ec.generate_private_key(ec.SECP256R1())
    rogue = _issue("rogue", rogue_key, None)
    files = {
        "ca.pem": _pem(ca),
        "server.pem": _pem(server),
        "server.key": _key_pem(server_key),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    return {
        **files,
        "client.pem": _pem(client),
        "client.key": _key_pem(client_key),
        "rogue.pem": _pem(rogue),
        "rogue.key": _key_pem(rogue_key),
        "dir": str(tmp_path).encode(),
    }


def _log_info(port: int, credentials: grpc.ChannelCredentials) -> ledger_pb2.GetLogInfoResponse:
    with grpc.secure_channel(
        f"localhost:{port}", credentials, options=[("grpc.enable_retries", 0)]
    ) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        return stub.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5)


def test_mutual_tls(chain: Chain, pki: dict[str, bytes]) -> None:
    folder = Path(pki["dir"].decode())
    node = NodeProcess(
        chain.data_dir,
        "--tls-cert",
        str(folder / "server.pem"),
        "--tls-key",
        str(folder / "server.key"),
        "--tls-client-ca",
        str(folder / "ca.pem"),
    ).start()
    try:
        trusted = grpc.ssl_channel_credentials(
            root_certificates=pki["ca.pem"],
            private_key=pki["client.key"],
            certificate_chain=pki["client.pem"],
        )
        assert _log_info(node.port, trusted).chain_id == "test-chain"
        for credentials in (
            grpc.ssl_channel_credentials(root_certificates=pki["ca.pem"]),  # no client cert
            grpc.ssl_channel_credentials(
                root_certificates=pki["ca.pem"],
                private_key=pki["rogue.key"],
                certificate_chain=pki["rogue.pem"],
            ),
        ):
            with pytest.raises(grpc.RpcError) as caught:
                _log_info(node.port, credentials)
            assert caught.value.code() == grpc.StatusCode.UNAVAILABLE  # type: ignore[attr-defined]
        assert any('"tls": "mutual"' in line or "mutual" in line for line in node.log_lines)
    finally:
        node.terminate()
