from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.demo import SEED_HOOK
from core.portal import PORTAL_HOME_PANELS, Panel
from events.models import Registration
from events.selectors import registrations_of_user
from events.viewsets import EventsViewSetGroup


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsViewSetGroup()


LOG_ACTIONS = (
    ("yuva.event_registered", _("Register for an event"), _("Registered for the event")),
    ("yuva.event_registration_cancelled", _("Cancel a registration"), _("Registration cancelled")),
    ("yuva.event_registration_approved", _("Approve a registration"),
     _("Registration approved")),
    ("yuva.event_registration_declined", _("Decline a registration"),
     _("Registration declined")),
    ("yuva.event_place_offered", _("Offer a place"), _("Place offered from the waiting list")),
    ("yuva.event_offer_expired", _("Expire an offer"), _("Offer expired")),
    ("yuva.event_offer_accepted", _("Accept an offer"), _("Offered place taken")),
    ("yuva.event_offer_declined", _("Decline an offer"), _("Offered place declined")),
    ("yuva.event_no_shows_marked", _("Mark no-shows"), _("No-shows marked")),
    ("yuva.event_survey_sent", _("Send the survey"), _("Survey sent")),
    ("yuva.event_message_sent", _("Message registrants"), _("Message sent to registrants")),
    ("yuva.event_cancelled", _("Cancel an event"), _("Event cancelled")),
)


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register(PORTAL_HOME_PANELS)
def my_events_panel(request):
    upcoming = (registrations_of_user(request.user)
                .filter(event__ends_at__gt=timezone.now(), status__in=Registration.ACTIVE)
                .order_by("event__starts_at", "pk"))
    return Panel(title=_("My events"), template_name="events/panels/my_events.html",
                 context={"registrations": list(upcoming[:10])}, order=40)


@hooks.register(SEED_HOOK)
def seed_events(stdout, size):
    from events.demo import seed

    seed(stdout=stdout, size=size)
