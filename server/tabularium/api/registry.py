"""Every domain's actions, and the default policies a new chain starts with.

The ledger core learns of domains only through the registry built here.
"""

from __future__ import annotations

from typing import Any

from tabularium.api.convert import credentials as credentials_pb
from tabularium.api.convert import identity as identity_pb
from tabularium.api.convert import landregistry as land_pb
from tabularium.api.convert import pharma as pharma_pb
from tabularium.api.convert import procurement as procurement_pb
from tabularium.api.convert import tax as tax_pb
from tabularium.api.convert import vault as vault_pb
from tabularium.api.convert import voting as voting_pb
from tabularium.api.convert.documents import REGISTER_DOCUMENT_TYPE_URL, decode_register_document
from tabularium.chain.actions import ActionRegistry, Handler
from tabularium.chain.genesis import Policy
from tabularium.domains.credentials import NAMESPACE as CREDENTIALS
from tabularium.domains.credentials import rules as credential_rules
from tabularium.domains.documents import NAMESPACE as DOCUMENTS
from tabularium.domains.documents.rules import register_document
from tabularium.domains.identity import NAMESPACE as IDENTITY
from tabularium.domains.identity import rules as identity_rules
from tabularium.domains.landregistry import NAMESPACE as LAND
from tabularium.domains.landregistry import rules as land_rules
from tabularium.domains.pharma import NAMESPACE as PHARMA
from tabularium.domains.pharma import rules as pharma_rules
from tabularium.domains.procurement import NAMESPACE as PROCUREMENT
from tabularium.domains.procurement import ocds as procurement_ocds
from tabularium.domains.procurement import rules as procurement_rules
from tabularium.domains.tax import NAMESPACE as TAX
from tabularium.domains.tax import rules as tax_rules
from tabularium.domains.vault import NAMESPACE as VAULT
from tabularium.domains.vault import rules as vault_rules
from tabularium.domains.voting import NAMESPACE as VOTING
from tabularium.domains.voting import rules as voting_rules
from tabularium.identity.v1 import identity_pb2

REGISTER_IDENTITY = identity_pb.type_url(identity_pb2.RegisterIdentity)
ADD_KEY = identity_pb.type_url(identity_pb2.AddKey)
REVOKE_KEY = identity_pb.type_url(identity_pb2.RevokeKey)
ROTATE_KEY = identity_pb.type_url(identity_pb2.RotateKey)
SET_IDENTITY_STATUS = identity_pb.type_url(identity_pb2.SetIdentityStatus)
GRANT_ROLE = identity_pb.type_url(identity_pb2.GrantRole)
WITHDRAW_ROLE = identity_pb.type_url(identity_pb2.WithdrawRole)
SET_POLICY = identity_pb.type_url(identity_pb2.SetPolicy)


def build_actions() -> ActionRegistry:
    actions = ActionRegistry()
    actions.register(
        REGISTER_DOCUMENT_TYPE_URL, DOCUMENTS, decode_register_document, register_document
    )
    actions.register(
        REGISTER_IDENTITY,
        IDENTITY,
        identity_pb.decode_register_identity,
        identity_rules.register_identity,
        scope=lambda a, _: a.owner or None,
    )
    actions.register(ADD_KEY, IDENTITY, identity_pb.decode_add_key, identity_rules.add_key)
    actions.register(REVOKE_KEY, IDENTITY, identity_pb.decode_revoke_key, identity_rules.revoke_key)
    actions.register(ROTATE_KEY, IDENTITY, identity_pb.decode_rotate_key, identity_rules.rotate_key)
    actions.register(
        SET_IDENTITY_STATUS,
        IDENTITY,
        identity_pb.decode_set_identity_status,
        identity_rules.set_identity_status,
        scope=identity_rules.subject_owner,
    )
    for url, decode in (
        (GRANT_ROLE, identity_pb.decode_grant_role),
        (WITHDRAW_ROLE, identity_pb.decode_withdraw_role),
    ):
        actions.register(
            url, IDENTITY, decode, identity_rules.change_role, scope=lambda a, _: a.organisation
        )
    actions.register(
        SET_POLICY,
        IDENTITY,
        identity_pb.decode_set_policy,
        identity_rules.set_policy,
        scope=lambda a, _: a.organisation or None,
    )
    for accreditation_url, decode_accreditation in (
        (credentials_pb.ACCREDIT_ISSUER, credentials_pb.decode_accredit),
        (credentials_pb.WITHDRAW_ACCREDITATION, credentials_pb.decode_withdraw),
    ):
        actions.register(
            accreditation_url,
            CREDENTIALS,
            decode_accreditation,
            credential_rules.change_accreditation,
        )
    actions.register(
        credentials_pb.REGISTER_CREDENTIAL,
        CREDENTIALS,
        credentials_pb.decode_register,
        credential_rules.register_credential,
        scope=lambda a, _: a.issuer,
    )
    actions.register(
        credentials_pb.REGISTER_DID_DOCUMENT,
        CREDENTIALS,
        credentials_pb.decode_register_did_document,
        credential_rules.register_did_document,
        scope=lambda a, _: a.issuer,
    )
    actions.register(
        credentials_pb.SET_CREDENTIAL_STATUS,
        CREDENTIALS,
        credentials_pb.decode_set_status,
        credential_rules.set_credential_status,
        scope=lambda a, _: a.issuer,
    )
    _register_vault(actions)
    _register_land(actions)
    _register_tax(actions)
    _register_pharma(actions)
    _register_procurement(actions)
    _register_voting(actions)
    return actions


def _register_procurement(actions: ActionRegistry) -> None:
    """Buyer and bidder actions act for the organisation they name; committee actions are open
    to any identity, as the rules check the signer is a member of the tender's committee."""
    refusal = procurement_ocds.record_refusal
    for url, decode, name, _roles, scope_field in procurement_pb.ACTIONS:
        handler = procurement_ocds.released(getattr(procurement_rules, name))
        via, via_when = procurement_pb.SUBMIT_VIA.get(url, ("", None))
        extra: dict[str, Any] = {"submit_via": via, "submit_via_when": via_when}
        if scope_field:
            extra["scope"] = lambda a, _, name=scope_field: getattr(a, name)
        actions.register(
            url,
            PROCUREMENT,
            decode,
            handler,
            on_refusal=refusal if url in procurement_pb.FLAGGED_REFUSALS else None,
            **extra,
        )


def _procurement_policies() -> tuple[Policy, ...]:
    """In the buyer: "admin" configures; "admin" or "procurement" publishes and amends. In the
    bidder or complainant: "admin" or "bidder" (a sole trader's own key holds both). In the root
    organisation: "admin" sets the Art. 4 thresholds, "review" (the review body) rules on
    complaints. Committee actions: any identity, checked by the rules."""
    return tuple(Policy(url, roles) for url, _, _, roles, _ in procurement_pb.ACTIONS)


def _register_voting(actions: ActionRegistry) -> None:
    """The board's and the credential authority's actions act for the organisation they name;
    guardian actions are open to any identity (the rules check it is a guardian); ballot
    actions are signed by listed credential keys, which the domain checks instead of an identity
    policy. Ballots may be large (a budget contest's proofs): up to the bulk size."""
    for url, decode, name, _roles, scope_field, by_credential in voting_pb.ACTIONS:
        extra: dict[str, Any] = {}
        if scope_field:
            extra["scope"] = lambda a, _, name=scope_field: getattr(a, name)
        if by_credential:
            extra["signer_check"] = voting_rules.credential_signer
        if url == voting_pb.SUBMIT_BALLOT:
            extra["prepare"] = voting_rules.prepare_ballots
        actions.register(
            url,
            VOTING,
            decode,
            getattr(voting_rules, name),
            max_bytes=BULK_MAX_BYTES if url == voting_pb.PUBLISH_CREDENTIALS else 0,
            **extra,
        )


def _voting_policies() -> tuple[Policy, ...]:
    """In the organiser: "admin" or "election-board" (set its M-of-N, e.g. 3 of 5, with
    SetPolicy). In the credential authority: "admin" or "credential-authority". Guardian
    actions: any identity, checked by the rules. Ballot actions need no policy: credential keys
    sign them, and the domain checks the list."""
    return tuple(
        Policy(url, roles)
        for url, _, _, roles, _, by_credential in voting_pb.ACTIONS
        if not by_credential
    )


def _register_tax(actions: ActionRegistry) -> None:
    """Every tax action acts for the tax office it names; invoices go through ClearInvoices,
    which checks the XML first."""
    by_office = lambda a, _: a.office  # noqa: E731 - the action names the tax office
    for url, decode, handler, _roles in tax_pb.ACTIONS:
        actions.register(
            url,
            TAX,
            decode,
            getattr(tax_rules, handler),
            scope=by_office,
            submit_via=tax_pb.CLEAR_INVOICES_METHOD if url == tax_pb.SUBMIT_INVOICES else "",
        )


def _tax_policies() -> tuple[Policy, ...]:
    """In the tax office: its admins configure it; "officer", "enforcement", "appeal", "bank"
    and "sdi" holders do the rest. Invoices, cancellations and appeals are open to any identity:
    the rules check the seller's or the account's holder."""
    return tuple(Policy(url, roles) for url, _, _, roles in tax_pb.ACTIONS)


# An upload (or a shipment, an aggregation) carries up to 100,000 (configurable) 32-byte keys:
# above the usual size limit.
BULK_MAX_BYTES = 8 * 1024 * 1024


def _register_pharma(actions: ActionRegistry) -> None:
    """Each pharma action acts for the organisation it names (its scope field); refused scans
    leave their falsification alerts behind."""
    for url, decode, handler, _roles, scope_field in pharma_pb.ACTIONS:
        actions.register(
            url,
            PHARMA,
            decode,
            getattr(pharma_rules, handler),
            scope=lambda a, _, name=scope_field: getattr(a, name),  # type: ignore[misc]
            on_refusal=pharma_rules.record_refusal if url in pharma_pb.SCAN_TYPES else None,
            max_bytes=BULK_MAX_BYTES if url in pharma_pb.BULK_TYPES else 0,
            submit_via=pharma_pb.CAPTURE_EPCIS_METHOD if url == pharma_pb.CAPTURE_EPCIS else "",
        )


def _pharma_policies() -> tuple[Policy, ...]:
    """In the acting organisation: "admin" configures, registers premises and products and
    recalls; "operator" uploads, scans and trades; "inspector" (the authority's) or "admin"
    closes alerts; an accredited issuer's "admin" or "issuer" authorises partners."""
    return tuple(Policy(url, roles) for url, _, _, roles, _ in pharma_pb.ACTIONS)


# Land registry: each action's handler, and whether its policy is the parcel office's (the
# action names the office) or open to any identity (the rules check holders and lenders).
_LAND_HANDLERS: tuple[tuple[Handler, bool], ...] = (
    (land_rules.configure_office, True),
    (land_rules.register_party, True),
    (land_rules.register_group_party, True),
    (land_rules.register_parcel, True),
    (land_rules.subdivide_parcel, True),
    (land_rules.merge_parcels, True),
    (land_rules.propose_transfer, False),
    (land_rules.consent_transfer, False),
    (land_rules.approve_transfer, True),
    (land_rules.freeze_transfer, False),
    (land_rules.resolve_freeze, True),
    (land_rules.finalize_transfer, False),
    (land_rules.register_mortgage, False),
    (land_rules.release_mortgage, False),
    (land_rules.register_restriction, True),
    (land_rules.release_restriction, True),
)
assert len(_LAND_HANDLERS) == len(land_pb.ACTIONS)


def _register_land(actions: ActionRegistry) -> None:
    by_office = lambda a, _: a.office  # noqa: E731 - the action names the land office
    for (url, decode), (handler, office_scoped) in zip(
        land_pb.ACTIONS, _LAND_HANDLERS, strict=True
    ):
        if office_scoped:
            actions.register(url, LAND, decode, handler, scope=by_office)
        else:
            actions.register(url, LAND, decode, handler)


def _land_policies() -> tuple[Policy, ...]:
    """Office actions: the office's "registrar" role holders (an office sets its M-of-N
    threshold with SetPolicy); ConfigureOffice: its admins. The rest: any identity, because the
    rules check that the signers are the holders, transferees, lenders or owners concerned."""
    policies = []
    for (url, _), (handler, office_scoped) in zip(land_pb.ACTIONS, _LAND_HANDLERS, strict=True):
        if handler is land_rules.configure_office:
            policies.append(Policy(url, ("admin",)))
        elif office_scoped:
            policies.append(Policy(url, ("registrar",)))
        else:
            policies.append(Policy(url, ("*",)))
    return tuple(policies)


def _register_vault(actions: ActionRegistry) -> None:
    by_owner = lambda a, _: a.owner  # noqa: E731 - the action names its owner organisation
    actions.register(
        vault_pb.STORE_DOCUMENT,
        VAULT,
        vault_pb.decode_store,
        vault_rules.store_document,
        scope=by_owner,
        submit_via=vault_pb.PUT_DOCUMENT_METHOD,
    )
    actions.register(
        vault_pb.GRANT_ACCESS, VAULT, vault_pb.decode_grant, vault_rules.grant_access, by_owner
    )
    actions.register(vault_pb.SHARE_ACCESS, VAULT, vault_pb.decode_share, vault_rules.share_access)
    actions.register(
        vault_pb.REVOKE_ACCESS, VAULT, vault_pb.decode_revoke, vault_rules.revoke_access
    )
    actions.register(
        vault_pb.ACCESS_DOCUMENT, VAULT, vault_pb.decode_access, vault_rules.access_document
    )
    actions.register(
        vault_pb.REVIEW_BREAK_GLASS,
        VAULT,
        vault_pb.decode_review,
        vault_rules.review_break_glass,
        by_owner,
    )
    actions.register(
        vault_pb.ERASE_DOCUMENT, VAULT, vault_pb.decode_erase, vault_rules.erase_document, by_owner
    )
    actions.register(
        vault_pb.EXPIRE_DOCUMENT, VAULT, vault_pb.decode_expire, vault_rules.expire_document
    )


_MANAGERS = ("admin", "registrar", "admin@root", "registrar@root")


def default_policies() -> tuple[Policy, ...]:
    """What `tabularium init` writes into genesis. Each is the default for every organisation;
    an organisation can get its own with SetPolicy."""
    return (
        Policy(REGISTER_DOCUMENT_TYPE_URL, ("admin", "notary")),
        Policy(REGISTER_IDENTITY, _MANAGERS),
        # Key changes: any identity may submit; the rules check it controls the subject.
        Policy(ADD_KEY, ("*",)),
        Policy(REVOKE_KEY, ("*",)),
        Policy(ROTATE_KEY, ("*",)),
        Policy(SET_IDENTITY_STATUS, _MANAGERS),
        Policy(GRANT_ROLE, ("admin", "admin@root")),
        Policy(WITHDRAW_ROLE, ("admin", "admin@root")),
        Policy(SET_POLICY, ("admin", "admin@root")),
        # The trusted issuer registry is kept by the root organisation.
        Policy(credentials_pb.ACCREDIT_ISSUER, ("admin", "accreditor")),
        Policy(credentials_pb.WITHDRAW_ACCREDITATION, ("admin", "accreditor")),
        # In the issuer organisation: its own key, its admins, or holders of its "issuer" role.
        Policy(credentials_pb.REGISTER_CREDENTIAL, ("admin", "issuer")),
        Policy(credentials_pb.SET_CREDENTIAL_STATUS, ("admin", "issuer")),
        Policy(credentials_pb.REGISTER_DID_DOCUMENT, ("admin", "issuer")),
        # Document vault, in the owner organisation. Reading needs a grant (or break glass),
        # checked by the rules, so any identity may submit an access, share, revoke or expiry.
        Policy(vault_pb.STORE_DOCUMENT, ("admin", "records-officer")),
        Policy(vault_pb.GRANT_ACCESS, ("admin", "records-officer")),
        Policy(vault_pb.SHARE_ACCESS, ("*",)),
        Policy(vault_pb.REVOKE_ACCESS, ("*",)),
        Policy(vault_pb.ACCESS_DOCUMENT, ("*",)),
        Policy(vault_pb.REVIEW_BREAK_GLASS, ("admin", "reviewer")),
        Policy(vault_pb.ERASE_DOCUMENT, ("admin", "dpo")),
        Policy(vault_pb.EXPIRE_DOCUMENT, ("*",)),
        *_land_policies(),
        *_tax_policies(),
        *_pharma_policies(),
        *_procurement_policies(),
        *_voting_policies(),
    )
