"""Random transfers, splits and mortgages through the real server, against a small reference
model: every share sum stays exactly 1, the chain of title has no gap or overlap, refused
actions change nothing, and `tabularium verify` replays the log to the same state."""

from __future__ import annotations

import itertools
from fractions import Fraction

import grpc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabularium.landregistry.v1 import landregistry_pb2 as pb
from tests.conftest import Chain, NodeProcess, run_cli
from tests.helpers import expect_error
from tests.integration.landregistry_world import FAILED, LandWorld, rect

F = Fraction
_counter = itertools.count()

operation = st.one_of(
    st.tuples(st.just("sell"), st.integers(0, 9), st.integers(1, 6), st.integers(0, 4)),
    st.tuples(st.just("oversell"), st.integers(0, 9), st.just(0), st.just(0)),
    st.tuples(st.just("split"), st.integers(1, 3), st.just(0), st.just(0)),
    st.tuples(st.just("mortgage"), st.just(0), st.just(0), st.just(0)),
)


def _title_periods(world: LandWorld, parcel_id: str) -> list[tuple[int, int, dict[str, F]]]:
    history = world.stub.GetParcelHistory(pb.GetParcelHistoryRequest(parcel_id=parcel_id))
    owners = [v for v in history.versions if v.right_type == pb.RIGHT_TYPE_OWNERSHIP]
    bounds = sorted(
        {v.lifespan.begin_height for v in owners}
        | {v.lifespan.end_height for v in owners if v.lifespan.end_height}
    )
    periods = []
    for start, end in zip(bounds, [*bounds[1:], 0], strict=True):
        holding = {
            v.party: F(v.share.numerator, v.share.denominator)
            for v in owners
            if v.lifespan.begin_height <= start
            and (v.lifespan.end_height == 0 or v.lifespan.end_height > start)
        }
        periods.append((start, end, holding))
    return periods


def test_random_histories_keep_titles_exact(chain: Chain, node: NodeProcess) -> None:
    world = LandWorld(chain, node)
    people = [world.person(f"P{i}") for i in range(5)]

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(operation, min_size=2, max_size=8))
    def run(ops: list[tuple[str, int, int, int]]) -> None:
        n = next(_counter)
        x = 4.0 + n * 0.01
        parcels: dict[str, tuple[float, float]] = {f"R-{n}": (x, x + 0.008)}
        model: dict[str, dict[str, F]] = {
            f"R-{n}": {people[0].did: F(1, 2), people[1].did: F(1, 2)}
        }
        world.register_parcel(f"R-{n}", rect(x, 10.0, x + 0.008, 10.001), dict(model[f"R-{n}"]))
        mortgages: dict[str, bytes] = {}
        for kind, pick, numerator, buyer in ops:
            parcel_id = sorted(model)[pick % len(model)]
            holders = sorted(model[parcel_id])
            seller = holders[pick % len(holders)]
            seller_key = next(p.key for p in people if p.did == seller)
            held = model[parcel_id][seller]
            if kind == "sell":
                portion = held * F(numerator, 6) if numerator < 6 else held
                to = people[buyer].did
                if to == seller:
                    continue
                lender = mortgages.pop(parcel_id, None)
                if lender is not None:
                    world.submit(
                        pb.ReleaseMortgage(parcel_id=parcel_id, mortgage_id=lender), world.bank.key
                    )
                tid, deed = world.propose(parcel_id, {seller: portion}, {to: portion}, seller_key)
                world.consent(tid, deed, seller_key, people[buyer].key)
                world.approve(tid, deed)
                world.finalize(tid, seller_key)
                model[parcel_id][seller] -= portion
                if not model[parcel_id][seller]:
                    del model[parcel_id][seller]
                model[parcel_id][to] = model[parcel_id].get(to, F(0)) + portion
            elif kind == "oversell" and held < 1:
                before = world.owners(parcel_id)
                too_much = held + F(1, 1000)
                world.refused(
                    world.propose_action(
                        parcel_id, {seller: too_much}, {people[4].did: too_much}, world.deed()
                    ),
                    [seller_key],
                    FAILED,
                    "SHARE_EXCEEDS_HOLDING",
                )
                assert world.owners(parcel_id) == before
            elif kind == "split" and parcel_id not in mortgages:
                x0, x1 = parcels[parcel_id]
                cut = x0 + (x1 - x0) * pick / 4
                children = {f"{parcel_id}.a": (x0, cut), f"{parcel_id}.b": (cut, x1)}
                world.office_submit(
                    pb.SubdivideParcel(
                        office=world.office.did,
                        parcel_id=parcel_id,
                        children=[
                            pb.NewParcel(parcel_id=c, geometry=rect(a, 10.0, b, 10.001))
                            for c, (a, b) in children.items()
                        ],
                        source_sha256=world.deed("survey"),
                    )
                )
                for child, span in children.items():
                    parcels[child] = span
                    model[child] = dict(model[parcel_id])
                del model[parcel_id], parcels[parcel_id]
            elif kind == "mortgage" and parcel_id not in mortgages:
                owners = [p.key for p in people if p.did in model[parcel_id]]
                mortgages[parcel_id] = world.submit(
                    pb.RegisterMortgage(
                        parcel_id=parcel_id,
                        lender=world.bank.did,
                        principal_minor_units=100,
                        currency="EUR",
                        deed_sha256=world.deed(),
                    ),
                    *owners,
                    world.bank.key,
                ).tx_hash[:16]
        for parcel_id, expected in model.items():
            assert world.owners(parcel_id) == expected
            assert sum(expected.values()) == 1
            periods = _title_periods(world, parcel_id)
            for (_, end, holding), (start, _, _) in itertools.pairwise(periods):
                assert end == start  # no gap, no overlap
                assert sum(holding.values()) == 1
            assert periods[-1][1] == 0 and periods[-1][2] == expected

    run()
    # Every example registered a parcel of its own (the examples really ran).
    assert next(_counter) >= 20
    world.node.terminate()
    replay = run_cli("verify", "--data-dir", str(chain.data_dir))
    assert replay.returncode == 0, replay.stdout + replay.stderr


def test_unknown_parcel_and_transfer(chain: Chain, node: NodeProcess) -> None:
    world = LandWorld(chain, node)
    expect_error(
        lambda: world.stub.GetRights(pb.GetRightsRequest(parcel_id="nope"), timeout=10),
        grpc.StatusCode.NOT_FOUND,
        "PARCEL_NOT_FOUND",
    )
    expect_error(
        lambda: world.stub.GetTransfer(pb.GetTransferRequest(transfer_id=bytes(16)), timeout=10),
        grpc.StatusCode.NOT_FOUND,
        "TRANSFER_NOT_FOUND",
    )
    world.refused(
        pb.FinalizeTransfer(transfer_id=bytes(16)),
        [world.r1.key],
        grpc.StatusCode.NOT_FOUND,
        "TRANSFER_NOT_FOUND",
    )
