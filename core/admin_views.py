"""Pieces every app's staff screens (Wagtail admin) share: permission policies that
close generic screens, and create/edit views that save through a service and show its
refusal on the form."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from wagtail.permission_policies import ModelPermissionPolicy

from core.errors import DomainError


class ClosedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, except that some generic screens are closed to everyone:
    records are never deleted, and some are written only through custom screens that
    call the services (and check ModelPermissionPolicy themselves)."""

    def __init__(self, model, closed=("delete",), **kwargs):
        super().__init__(model, **kwargs)
        self.closed = frozenset(closed)

    def user_has_permission(self, user, action):
        if action in self.closed:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def user_may(user, action, model):
    return ModelPermissionPolicy(model).user_has_permission(user, action)


def require(allowed):
    if not allowed:
        raise PermissionDenied


def add_service_error(form, error):
    """A service's refusal on the form: a DomainError on its field, a model
    ValidationError on its fields."""
    if isinstance(error, DomainError):
        form.add_error(error.field if error.field in form.fields else None, error.message)
    elif hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """For Wagtail's generic create/edit views whose save_instance calls a service: a
    refusal comes back on the form, with nothing saved (the view saves in a
    transaction, which the exception rolls back)."""

    def service_error_message(self, error):
        return _("The form could not be saved. Please correct the errors below.")

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
            self.produced_error_message = self.service_error_message(error)
        return self.form_invalid(form)
