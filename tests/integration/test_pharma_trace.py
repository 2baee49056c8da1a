"""TraceBatch of a 10,000-pack batch spread over three partners, in pages, against the set the
test itself moved; and an upload far above the node's usual transaction size."""

from __future__ import annotations

from pathlib import Path

from tabularium.pharma.v1 import pharma_pb2 as pb
from tests.conftest import Chain, NodeProcess
from tests.helpers import expect_error
from tests.integration.pharma_world import DENIED, GTIN, PharmaWorld, clocked_node


def test_trace_of_a_batch_across_three_partners(chain: Chain, tmp_path: Path) -> None:
    with clocked_node(chain, tmp_path) as (node, clock):
        world = PharmaWorld(chain, node, clock)
        keys = world.upload(10_000, batch="L10K")  # one transaction of 320 KB of pack keys
        world.upload(5, batch="OTHER")
        case = world.key_of("CASE-L10K-1")
        world.submit(
            pb.Aggregate(
                organisation=world.maker.did, case_key=case, child_keys=b"".join(keys[:100])
            ),
            world.maker.key,
        )
        to_wholesaler = world.transfer(world.maker, world.wholesaler, [case, *keys[100:4000]])
        to_pharmacy = world.transfer(world.wholesaler, world.pharmacy, keys[:1000])
        dispensed = world.scans(
            [
                world.sign(
                    world.decommission_action(world.pharmacy, key, batch="L10K"),
                    world.pharmacy.key,
                )
                for key in keys[500:700]
            ]
        )
        assert {r.code for r in dispensed} == {"OK"}
        expected_owner = {
            **{k: world.maker.did for k in keys[4000:]},
            **{k: world.wholesaler.did for k in keys[1000:4000]},
            **{k: world.pharmacy.did for k in keys[:1000]},
        }
        traced: dict[bytes, pb.TracedPack] = {}
        after = b""
        pages = 0
        while True:
            page = world.read(
                "TraceBatch",
                pb.TraceBatchRequest(gtin=GTIN, batch="L10K", after=after, page_size=3000),
                world.maker.actor,
            )
            pages += 1
            for item in page.packs:
                assert item.pack.pack_key not in traced
                traced[item.pack.pack_key] = item
            if not page.next_after:
                break
            after = page.next_after
        assert pages == 4
        assert set(traced) == set(keys)
        assert {k: t.pack.owner for k, t in traced.items()} == expected_owner
        shipped = {k: [s.shipment_id for s in t.shipments] for k, t in traced.items()}
        assert all(shipped[k] == [to_wholesaler, to_pharmacy] for k in keys[:1000])
        assert all(shipped[k] == [to_wholesaler] for k in keys[1000:4000])
        assert all(shipped[k] == [] for k in keys[4000:])
        assert all(traced[k].pack.parent == case for k in keys[:100])
        decommissioned = {
            k for k, t in traced.items() if t.pack.status == pb.PACK_STATUS_DECOMMISSIONED
        }
        assert decommissioned == set(keys[500:700])
        assert page.batch_status == pb.PACK_STATUS_ACTIVE
        # The authority may trace; a pharmacy may not.
        assert world.read(
            "TraceBatch",
            pb.TraceBatchRequest(gtin=GTIN, batch="L10K", page_size=10),
            world.authority,
        ).packs
        expect_error(
            lambda: world.read(
                "TraceBatch", pb.TraceBatchRequest(gtin=GTIN, batch="L10K"), world.pharmacy.actor
            ),
            DENIED,
            "NOT_ENTITLED",
        )


def test_state_survives_a_restart(chain: Chain, tmp_path: Path) -> None:
    with clocked_node(chain, tmp_path) as (node, clock):
        world = PharmaWorld(chain, node, clock)
        keys = world.upload(50)
        world.transfer(world.maker, world.pharmacy, keys[:10])
        world.decommission(world.pharmacy, keys[0])
        before = world.pack(keys[0])
        node.kill()
    restarted = NodeProcess(chain.data_dir).start()
    try:
        world.node = restarted
        world.stub = type(world.stub)(restarted.channel())
        assert world.pack(keys[0]) == before
    finally:
        restarted.terminate()
