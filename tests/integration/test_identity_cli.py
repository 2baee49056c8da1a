"""`tabularium identity ...` end to end against a real node."""

from __future__ import annotations

import json
from pathlib import Path

from tabularium.keys import generate_key_file, load_private_key, public_bytes
from tests.conftest import Chain, NodeProcess, run_cli

GRANT_ROLE = "type.googleapis.com/tabularium.identity.v1.GrantRole"


def _lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_identity_commands(chain: Chain, node: NodeProcess, tmp_path: Path) -> None:
    server = node.address
    admin = str(chain.data_dir / "keys" / "admin.key")
    agency_key = tmp_path / "agency.key"
    clerk_key = tmp_path / "clerk.key"
    second_clerk_key = tmp_path / "clerk2.key"
    for path in (agency_key, clerk_key, second_clerk_key):
        generate_key_file(path)

    out = run_cli(
        "identity",
        "register",
        "--kind",
        "agency",
        "--new-key",
        str(agency_key),
        "--name",
        "Land Registry",
        "--server",
        server,
        "--key",
        admin,
    )
    agency = str(_lines(out.stdout)[0]["did"])
    clerks = []
    for path in (clerk_key, second_clerk_key):
        out = run_cli(
            "identity",
            "register",
            "--kind",
            "official",
            "--new-key",
            str(path),
            "--owner",
            agency,
            "--server",
            server,
            "--key",
            str(agency_key),
        )
        clerks.append(str(_lines(out.stdout)[0]["did"]))
        run_cli(
            "identity",
            "grant-role",
            clerks[-1],
            agency,
            "official",
            "--server",
            server,
            "--key",
            str(agency_key),
        )
    run_cli(
        "identity",
        "set-policy",
        GRANT_ROLE,
        "--organization",
        agency,
        "--role",
        "official",
        "--threshold",
        "2",
        "--server",
        server,
        "--key",
        str(agency_key),
    )
    single = run_cli(
        "identity",
        "grant-role",
        clerks[0],
        agency,
        "surveyor",
        "--server",
        server,
        "--key",
        str(clerk_key),
        check=False,
    )
    assert single.returncode == 1
    refused = _lines(single.stdout)[0]
    assert "PERMISSION_DENIED" in refused["error"]  # type: ignore[operator]
    assert refused["reason"] == "NOT_AUTHORIZED"
    assert refused["metadata"]["threshold"] == "2"  # type: ignore[index]
    run_cli(
        "identity",
        "grant-role",
        clerks[0],
        agency,
        "surveyor",
        "--server",
        server,
        "--key",
        str(clerk_key),
        "--key",
        str(second_clerk_key),
    )

    resolved = json.loads(run_cli("identity", "resolve", clerks[0], "--server", server).stdout)
    roles = {(r["organization"], r["role"]) for r in resolved["identity"]["roles"]}
    assert roles == {(agency, "official"), (agency, "surveyor")}
    new_key = tmp_path / "clerk-new.key"
    generate_key_file(new_key)
    old_public = public_bytes(load_private_key(clerk_key)).hex()
    run_cli(
        "identity",
        "rotate-key",
        clerks[0],
        "--old-public-key",
        old_public,
        "--new-key",
        str(new_key),
        "--server",
        server,
        "--key",
        str(clerk_key),
    )
    history = json.loads(
        run_cli("identity", "resolve", clerks[0], "--history", "--server", server).stdout
    )
    assert [e["change"] for e in history["events"]] == [
        "registered",
        "role_granted",
        "role_granted",
        "key_rotated",
    ]
