"""Hypothesis through the real server: random assess / pay / credit / refund / amend runs keep
balance = assessed - paid - credited + refunded = open - unused credit at every height, equal a
plain model, and `tabularium verify` replays the log to the same state."""

from __future__ import annotations

import itertools

import grpc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tabularium.tax.v1 import tax_pb2 as pb
from tests.conftest import Chain, NodeProcess, run_cli
from tests.integration.tax_world import TaxWorld, day, eur

_counter = itertools.count()
operation = st.tuples(
    st.sampled_from(["assess", "pay", "credit", "refund", "amend"]),
    st.integers(min_value=1, max_value=50_000),
    st.integers(min_value=0, max_value=7),
)


def test_random_runs_keep_the_invariant(chain: Chain, node: NodeProcess) -> None:
    world = TaxWorld(chain, node)

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(operation, min_size=1, max_size=8))
    def run(ops: list[tuple[str, int, int]]) -> None:
        n = next(_counter)
        account = world.taxpayer(f"CODE{n:012d}", f"Person {n}", f"Street {n}")
        liabilities: list[bytes] = []
        # The model: principal per open liability, money in, money out.
        principal: dict[bytes, int] = {}
        paid = credited = refunded = 0
        heights = []
        for step, (kind, amount, pick) in enumerate(ops):
            if kind == "assess":
                receipt = world.submit(
                    world.assess_action(account, amount, due=day(-(pick + 1))), world.o1.key
                )
                liability = world.liability_of(receipt)
                liabilities.append(liability)
                principal[liability] = amount
            elif kind == "pay":
                receipt = world.pay(account, amount, f"p-{n}-{step}")
                paid += amount
            elif kind == "credit":
                receipt = world.submit(
                    pb.GrantCredit(
                        office=world.office.did,
                        account=account,
                        amount=eur(amount),
                        legal_basis="L212/2000-ART8",
                        source_sha256=bytes(32),
                    ),
                    world.o1.key,
                )
                credited += amount
            elif kind == "refund":
                available = world.account(account).account.credit_available.minor_units
                action = pb.RecordRefund(
                    office=world.office.did,
                    account=account,
                    amount=eur(amount),
                    order_sha256=bytes(32),
                )
                if amount > available:
                    world.refused(
                        action,
                        [world.o1.key],
                        grpc.StatusCode.FAILED_PRECONDITION,
                        "CREDIT_INSUFFICIENT",
                    )
                    continue
                receipt = world.submit(action, world.o1.key)
                refunded += amount
            else:
                live = [i for i in liabilities if i in principal]
                if not live:
                    continue
                old = live[pick % len(live)]
                receipt = world.submit(
                    pb.AmendAssessment(
                        office=world.office.did,
                        liability=old,
                        principal=eur(amount),
                        due_date=day(-1),
                        legal_basis="DPR600/73-ART43",
                        source_sha256=bytes(32),
                        rationale="audit",
                    ),
                    world.o1.key,
                )
                del principal[old]
                new = world.liability_of(receipt)
                liabilities.append(new)
                principal[new] = amount
            heights.append(receipt.block_height)
            got = world.account(account).account
            assessed = sum(principal.values())
            assert got.assessed == eur(assessed)
            assert got.paid == eur(paid) and got.credited == eur(credited)
            assert got.refunded == eur(refunded)
            balance = assessed - paid - credited + refunded
            assert got.balance == eur(balance)
            assert got.open.minor_units - got.credit_available.minor_units == balance
            assert got.open.minor_units == max(balance, 0) or got.credit_available.minor_units == 0
        # Every past height answers with the invariant intact (the server checks it and
        # raises DATA_LOSS otherwise), and totals never run backwards for money in.
        previous_paid = 0
        for height in heights:
            past = world.account(account, at_height=height).account
            assert past.open.minor_units - past.credit_available.minor_units == (
                past.balance.minor_units
            )
            assert past.paid.minor_units >= previous_paid
            previous_paid = past.paid.minor_units

    run()
    assert next(_counter) >= 15
    world.node.terminate()
    replay = run_cli("verify", "--data-dir", str(chain.data_dir))
    assert replay.returncode == 0, replay.stdout + replay.stderr
