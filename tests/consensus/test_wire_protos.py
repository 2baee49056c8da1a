"""Our ABCI wire protos (proto/tabularium/consensus/v1) against CometBFT v0.38.25's own.

The upstream .proto files come from the Go module cache that `make cometbft` (the pinned
`go install`) filled. Before they are trusted, the module directory's dirhash (Go's "h1:" sum,
the one go.sum records) is recomputed here and compared with the sum pinned below, which the Go
checksum database vouched for when the module was downloaded. They are then compiled with
protoc, and every message, field and enum value we declare must match its upstream counterpart
in number, wire type, label, oneof and referenced type. Upstream fields we leave out are fine;
anything we declare that upstream does not have is not. Nothing upstream is copied into the repo.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor

from tabularium.consensus.v1 import abci_pb2, types_pb2

# Module versions and their go.sum "h1:" sums (cometbft's own go.mod requires gogoproto v1.7.0).
COMETBFT = (
    "github.com/cometbft/cometbft",
    "v0.38.25",
    "h1:jtGSyssudmkjED2fk9wFGfd/fNyPKvLIinW62ELxZH4=",
)
GOGOPROTO = (
    "github.com/cosmos/gogoproto",
    "v1.7.0",
    "h1:79USr0oyXAbxg3rspGh/m4SWNyoz/GLaAh0QlCe2fro=",
)
UPSTREAM_FILES = [
    "tendermint/abci/types.proto",
    "tendermint/types/types.proto",
    "tendermint/types/canonical.proto",
    "tendermint/version/types.proto",
    "tendermint/crypto/keys.proto",
]
# Our message or enum -> its upstream full name, where that is not "the same name in
# tendermint.abci" (abci.proto) or "the same name in tendermint.types" (types.proto).
RENAMED = {
    "tabularium.consensus.v1.Consensus": "tendermint.version.Consensus",
    "tabularium.consensus.v1.PublicKey": "tendermint.crypto.PublicKey",
}
OURS = "tabularium.consensus.v1."


def dirhash(root: Path, prefix: str) -> str:
    """Go's dirhash.HashDir (golang.org/x/mod/sumdb/dirhash, Hash1): SHA-256 over the sorted
    lines "<sha256 hex of file>  <prefix>/<path>", base64, prefixed "h1:"."""
    names = sorted(
        f"{prefix}/{p.relative_to(root).as_posix()}" for p in root.rglob("*") if p.is_file()
    )
    summary = hashlib.sha256()
    for name in names:
        data = (root / name[len(prefix) + 1 :]).read_bytes()
        summary.update(f"{hashlib.sha256(data).hexdigest()}  {name}\n".encode())
    return "h1:" + base64.b64encode(summary.digest()).decode()


def module_dir(path: str, version: str, want_sum: str) -> Path:
    """The module's directory in the Go module cache, after checking its sum."""
    out = subprocess.run(
        ["go", "mod", "download", "-json", f"{path}@{version}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GOFLAGS": "-mod=mod"},
    )
    assert out.returncode == 0, (
        f"go mod download {path}@{version} failed: {out.stderr or out.stdout}"
    )
    info = json.loads(out.stdout)
    assert info["Sum"] == want_sum, f"{path}@{version}: the Go toolchain reports {info['Sum']}"
    root = Path(info["Dir"])
    assert dirhash(root, f"{path}@{version}") == want_sum, f"{root} differs from its go.sum"
    return root


@pytest.fixture(scope="module")
def upstream(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, descriptor_pb2.DescriptorProto | descriptor_pb2.EnumDescriptorProto]:
    cometbft = module_dir(*COMETBFT)
    gogoproto = module_dir(*GOGOPROTO)
    import grpc_tools

    wkt = Path(grpc_tools.__file__).parent / "_proto"
    out = tmp_path_factory.mktemp("upstream") / "upstream.binpb"
    compiled = subprocess.run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            f"-I{cometbft / 'proto'}",
            f"-I{gogoproto}",
            f"-I{wkt}",
            "--include_imports",
            f"--descriptor_set_out={out}",
            *UPSTREAM_FILES,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr
    fds = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    found: dict[str, descriptor_pb2.DescriptorProto | descriptor_pb2.EnumDescriptorProto] = {}

    def add(
        scope: str,
        messages: list[descriptor_pb2.DescriptorProto],
        enums: list[descriptor_pb2.EnumDescriptorProto],
    ) -> None:
        for enum in enums:
            found[f"{scope}.{enum.name}"] = enum
        for message in messages:
            name = f"{scope}.{message.name}"
            found[name] = message
            add(name, list(message.nested_type), list(message.enum_type))

    for f in fds.file:
        add(f.package, list(f.message_type), list(f.enum_type))
    return found


def upstream_name(ours: str, file_package: str) -> str:
    """``ours`` is a full name in tabularium.consensus.v1; nested names keep their nesting."""
    top, _, nested = ours[len(OURS) :].partition(".")
    base = RENAMED.get(OURS + top) or f"{file_package}.{top}"
    return f"{base}.{nested}" if nested else base


def _ours() -> list[tuple[Descriptor | EnumDescriptor, str]]:
    """Every message and enum we declare, nested ones included, with its upstream package."""
    out: list[tuple[Descriptor | EnumDescriptor, str]] = []

    def walk(d: Descriptor, package: str) -> None:
        out.append((d, package))
        for e in d.enum_types:
            out.append((e, package))
        for n in d.nested_types:
            walk(n, package)

    for module, package in ((abci_pb2, "tendermint.abci"), (types_pb2, "tendermint.types")):
        for d in module.DESCRIPTOR.message_types_by_name.values():
            walk(d, package)
        for e in module.DESCRIPTOR.enum_types_by_name.values():
            out.append((e, package))
    return out


OUR_TYPES = _ours()


def _type_name(field: FieldDescriptor) -> str:
    ref = field.message_type or field.enum_type
    if ref is None:
        return ""
    if ref.full_name.startswith(OURS):
        package = "tendermint.abci" if ref.file is abci_pb2.DESCRIPTOR else "tendermint.types"
        return upstream_name(ref.full_name, package)
    return ref.full_name  # google.protobuf.Timestamp


def test_every_declared_type_has_an_upstream_counterpart(upstream: dict[str, object]) -> None:
    missing = [
        d.full_name
        for d, package in OUR_TYPES
        if upstream_name(d.full_name, package) not in upstream
    ]
    assert not missing, f"no upstream message or enum for {missing}"
    names = {d.full_name[len(OURS) :] for d, _ in OUR_TYPES}  # the walk reaches nested enums
    assert {"Request", "Response", "SignedHeader", "CanonicalVote"} <= names
    assert "ResponseProcessProposal.ProposalStatus" in names


@pytest.mark.parametrize("ours", [d for d, _ in OUR_TYPES], ids=lambda d: d.full_name[len(OURS) :])
def test_fields_and_values_match_upstream(
    ours: Descriptor | EnumDescriptor, upstream: dict[str, object]
) -> None:
    package = dict((d.full_name, p) for d, p in OUR_TYPES)[ours.full_name]
    theirs = upstream[upstream_name(ours.full_name, package)]
    if isinstance(ours, EnumDescriptor):
        assert isinstance(theirs, descriptor_pb2.EnumDescriptorProto)
        their_numbers = {v.number for v in theirs.value}
        for value in ours.values:
            assert value.number in their_numbers, (
                f"{value.full_name} = {value.number} is not upstream"
            )
        return
    assert isinstance(theirs, descriptor_pb2.DescriptorProto)
    by_number = {f.number: f for f in theirs.field}
    for field in ours.fields:
        where = f"{ours.full_name}.{field.name} ({field.number})"
        assert field.number in by_number, f"{where}: upstream has no field {field.number}"
        their = by_number[field.number]
        assert field.name == their.name, f"{where}: upstream calls it {their.name}"
        assert field.type == their.type, f"{where}: type {field.type}, upstream {their.type}"
        repeated = their.label == descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
        assert field.is_repeated == repeated, (
            f"{where}: repeated {field.is_repeated}, upstream {repeated}"
        )
        want_type = their.type_name.lstrip(".")
        assert _type_name(field) == want_type, (
            f"{where}: refers to {_type_name(field)}, upstream {want_type}"
        )
        our_oneof = field.containing_oneof.name if field.containing_oneof else None
        their_oneof = (
            theirs.oneof_decl[their.oneof_index].name if their.HasField("oneof_index") else None
        )
        assert our_oneof == their_oneof, f"{where}: oneof {our_oneof}, upstream {their_oneof}"
    # What upstream reserves stays reserved (or unused) here: no number means two things.
    ours_numbers = {f.number for f in ours.fields}
    for reserved in theirs.reserved_range:
        clash = ours_numbers & set(range(reserved.start, reserved.end))
        assert not clash, f"{ours.full_name}: {sorted(clash)} are reserved upstream"


def test_dirhash_matches_go_on_a_known_tree(tmp_path: Path) -> None:
    """The dirhash algorithm itself, on a two-file tree whose sum is computed by hand."""
    (tmp_path / "a").write_bytes(b"x")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b").write_bytes(b"")
    lines = (
        f"{hashlib.sha256(b'x').hexdigest()}  m@v1/a\n"
        + f"{hashlib.sha256(b'').hexdigest()}  m@v1/d/b\n"
    )
    want = "h1:" + base64.b64encode(hashlib.sha256(lines.encode()).digest()).decode()
    assert dirhash(tmp_path, "m@v1") == want
    (tmp_path / "a").write_bytes(b"y")
    assert dirhash(tmp_path, "m@v1") != want
