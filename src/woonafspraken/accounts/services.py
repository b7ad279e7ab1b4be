"""Write use cases for accounts."""

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from woonafspraken.audit.services import log_action

from .models import ApiToken, Membership, Organisation, hash_token


@transaction.atomic
def create_token(user: AbstractBaseUser) -> str:
    """Issue a new API token for ``user``; the raw token is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, key_hash=hash_token(raw), prefix=raw[:8])
    log_action("accounts.token.created", actor=user, obj=token, new={"prefix": token.prefix})
    return raw


@transaction.atomic
def ensure_membership(
    actor: object, user: AbstractBaseUser, organisation: Organisation, role: str
) -> Membership:
    """Give ``user`` ``role`` at ``organisation`` (idempotent). Only an admin may do this."""
    from . import access

    access.require(access.is_admin(actor), "Alleen een beheerder mag rollen toekennen.")
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        log_action(
            "accounts.membership.created",
            actor=actor,
            obj=membership,
            new={"user": str(user), "organisation": organisation.name, "role": role},
        )
    return membership
