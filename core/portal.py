"""The portal's extension points. Higher apps contribute panels to the portal home
and to an enterprise's page through Wagtail hooks, so core never imports them:

    @hooks.register(PORTAL_HOME_PANELS)
    def my_bookings(request):
        return Panel(title=..., template_name="families/panels/bookings.html",
                     context={...}, order=30)

A hook returns a Panel, or None when it has nothing to show this person.
"""

from dataclasses import dataclass, field

from wagtail import hooks

PORTAL_HOME_PANELS = "yuva_portal_home_panels"
ENTERPRISE_PAGE_PANELS = "yuva_enterprise_page_panels"


@dataclass
class Panel:
    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


def collect_panels(hook_name, request, **kwargs):
    panels = [fn(request, **kwargs) for fn in hooks.get_hooks(hook_name)]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)
