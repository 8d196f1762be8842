from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.portal import PORTAL_HOME_PANELS, Panel
from core.selectors import enterprises_for_user
from core.viewsets import PeopleViewSetGroup


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()


@hooks.register("register_log_actions")
def register_core_log_actions(actions):
    actions.register_action("yuva.member_added", _("Add member"), _("Member added"))


@hooks.register(PORTAL_HOME_PANELS)
def my_enterprises_panel(request):
    return Panel(
        title=_("My enterprises"),
        template_name="core/panels/my_enterprises.html",
        context={"enterprises": list(enterprises_for_user(request.user))},
        order=10,
    )
