"""Portal pages of core: the home with panels from other apps, an enterprise's
page and profile form, the person's profile; plus the health check."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.forms import EnterpriseForm, ProfileForm
from core.models import Enterprise
from core.portal import ENTERPRISE_PAGE_PANELS, PORTAL_HOME_PANELS, collect_panels
from core.selectors import enterprise_for_member, membership_of
from core.services import enterprise_update, user_set_language, user_update_profile


def _member_enterprise_or_404(request, pk):
    try:
        return enterprise_for_member(user=request.user, pk=pk)
    except Enterprise.DoesNotExist as exc:
        raise Http404(_("No such enterprise.")) from exc


@login_required
def portal_home(request):
    panels = collect_panels(PORTAL_HOME_PANELS, request)
    return render(request, "core/portal/home.html", {"panels": panels})


@login_required
def enterprise_detail(request, pk):
    enterprise = _member_enterprise_or_404(request, pk)
    panels = collect_panels(ENTERPRISE_PAGE_PANELS, request, enterprise=enterprise)
    members = enterprise.memberships.select_related("user").order_by("user__full_name")
    return render(request, "core/portal/enterprise_detail.html", {
        "enterprise": enterprise,
        "membership": membership_of(user=request.user, enterprise=enterprise),
        "members": members,
        "panels": panels,
    })


@login_required
def enterprise_edit(request, pk):
    enterprise = _member_enterprise_or_404(request, pk)
    # The form works on a copy, so a refused save leaves the loaded record as it was.
    form = EnterpriseForm(request.POST or None, instance=Enterprise.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            enterprise_update(enterprise=enterprise, actor=request.user, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The enterprise profile was saved."))
            return redirect("core:enterprise_detail", pk=enterprise.pk)
    return render(request, "core/portal/enterprise_form.html", {
        "enterprise": enterprise, "form": form,
    })


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, initial={
        "full_name": user.full_name, "phone": user.phone,
        "preferred_language": user.preferred_language,
    })
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        response = redirect("core:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, user.preferred_language,
            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=True,
        )
        return response
    return render(request, "core/portal/profile.html", {"form": form})


@require_POST
def set_language(request):
    """Django's set_language, which also remembers the choice for a signed-in person."""
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        user_set_language(user=request.user, language=language)
    return django_set_language(request)


def _broker_status():
    if settings.CELERY_EMBEDDED:
        return "embedded"
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001 - any failure means "down" for the health check
        return "down"
    return "ok"


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:  # noqa: BLE001
        database = "down"
    broker = _broker_status()
    healthy = database == "ok" and broker in {"ok", "embedded"}
    return JsonResponse(
        {"status": "ok" if healthy else "down", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )
