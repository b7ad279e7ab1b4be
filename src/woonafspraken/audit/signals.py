"""Changes to accounts made outside our services (the admin, a shell) are audited too:
a renamed, deactivated or promoted account, and a role given, changed or taken away.

Who made the change is the signed-in user of the current request, if any
(see :class:`woonafspraken.audit.middleware.CurrentActorMiddleware`).
"""

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .middleware import current_actor
from .services import log_action

User = get_user_model()
MEMBERSHIP = "accounts.Membership"  # by name: the audit app does not import the accounts app
WATCHED = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")


def _state(user: Any) -> dict[str, Any]:
    return {name: getattr(user, name, None) for name in WATCHED}


@receiver(pre_save, sender=User, dispatch_uid="audit-user-before")
def _remember_user(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    before = sender.objects.filter(pk=instance.pk).first()
    instance._audit_before = _state(before) if before is not None else None


@receiver(post_save, sender=User, dispatch_uid="audit-user-after")
def _audit_user(sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any) -> None:
    if raw:
        return
    after = _state(instance)
    if created:
        log_action("accounts.user.created", actor=current_actor(), obj=instance, new=after)
        return
    before = getattr(instance, "_audit_before", None)
    if before is None:
        return
    old = {k: v for k, v in before.items() if after[k] != v}
    if old:
        new = {k: after[k] for k in old}
        log_action("accounts.user.changed", actor=current_actor(), obj=instance, old=old, new=new)
    instance._audit_before = after


def _membership_state(membership: Any) -> dict[str, Any]:
    return {
        "user": str(membership.user),
        "organisation": str(membership.organisation),
        "role": membership.role,
    }


@receiver(pre_save, sender=MEMBERSHIP, dispatch_uid="audit-membership-before")
def _remember_membership(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
    before = None
    if not raw and instance.pk is not None:
        found = sender.objects.filter(pk=instance.pk).first()
        before = _membership_state(found) if found is not None else None
    instance._audit_before = before  # type: ignore[attr-defined]


@receiver(post_save, sender=MEMBERSHIP, dispatch_uid="audit-membership-after")
def _audit_membership(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    # A new membership is logged by ``accounts.services.ensure_membership``; a change is not.
    before = getattr(instance, "_audit_before", None)
    if raw or created or before is None:
        return
    after = _membership_state(instance)
    if after != before:
        log_action(
            "accounts.membership.changed",
            actor=current_actor(),
            obj=instance,
            old=before,
            new=after,
        )


@receiver(post_delete, sender=MEMBERSHIP, dispatch_uid="audit-membership-deleted")
def _audit_membership_deleted(sender: Any, instance: Any, **kw: Any) -> None:
    log_action(
        "accounts.membership.deleted",
        actor=current_actor(),
        obj=instance,
        old=_membership_state(instance),
    )


# --- Login throttling (django-axes): a lock-out and its lifting are audited -----------------


def _attempt_state(attempt: Any) -> dict[str, Any]:
    return {
        "username": attempt.username,
        "ip_address": attempt.ip_address,
        "failures": attempt.failures_since_start,
    }


@receiver(user_locked_out, dispatch_uid="audit-locked-out")
def _audit_locked_out(sender: Any, request: Any, username: str, ip_address: str, **kw: Any) -> None:
    from django.apps import apps

    attempt = (
        apps.get_model("axes", "AccessAttempt")
        .objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )
    # Once per lock-out: further tries while locked out are counted, not logged again.
    if attempt is not None and attempt.failures_since_start == settings.AXES_FAILURE_LIMIT:
        log_action(
            "accounts.login.locked_out", actor=None, obj=attempt, new=_attempt_state(attempt)
        )


@receiver(post_delete, sender="axes.AccessAttempt", dispatch_uid="audit-unlocked")
def _audit_unlocked(sender: Any, instance: Any, **kw: Any) -> None:
    """An administrator lifting a lock-out; expired attempts and a reset at login are not."""
    if instance.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return
    if timezone.now() - instance.attempt_time >= settings.AXES_COOLOFF_TIME:
        return
    log_action(
        "accounts.login.unlocked", actor=current_actor(), obj=instance, old=_attempt_state(instance)
    )
