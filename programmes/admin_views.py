"""Staff workflow screens in the Wagtail admin: an application with its status changes,
a review round (automatic assignment, progress per reviewer), the ranking with bulk
decisions, a cohort's dashboard with evidence sign-off, and graduation."""

import math

import tablib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.errors import DomainError
from incubator.selectors import impact_reports_for_startups, sessions_of_startups
from programmes import selectors
from programmes.forms_admin import (
    DecisionForm,
    GraduationForm,
    RankingFilterForm,
    ReviewNoteForm,
    StatusForm,
)
from programmes.models import (
    Application,
    Cohort,
    Enrolment,
    MilestoneSubmission,
    ReviewRound,
)
from programmes.ranking import ranking
from programmes.services.applications import (
    application_transition,
    applications_decide,
    applications_transition,
)
from programmes.services.cohorts import (
    cohort_enrol,
    cohort_graduate,
    milestone_return,
    milestone_sign_off,
    missing_milestones,
)
from programmes.services.decisions import decision_emails_pending, decision_emails_retry
from programmes.services.decisions import template_for as decision_template_for
from programmes.services.reviews import round_assign
from programmes.transitions import DECISIONS

PAGE_SIZE = 50
TEMPLATES = "programmes/admin/"


def require(user, *perms):
    if not user.is_active or not all(user.has_perm(p) for p in perms):
        raise PermissionDenied


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "folder-open-inverse"
    section_label = gettext_lazy("Programmes")
    section_url_name = "programme_list:index"
    permissions = ()

    def dispatch(self, request, *args, **kwargs):
        require(request.user, *self.permissions)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse(self.section_url_name), "label": self.section_label},
            {"url": "", "label": self.get_page_title()},
        ]


# --- application -------------------------------------------------------------------------

class ApplicationAdminView(AdminPage):
    template_name = TEMPLATES + "application.html"
    section_label = gettext_lazy("Applications")
    section_url_name = "programme_applications:index"
    permissions = ("programmes.view_application",)

    def dispatch(self, request, *args, **kwargs):
        require(request.user, *self.permissions)
        try:
            self.application = selectors.application_for_staff(pk=kwargs["pk"])
        except Application.DoesNotExist as exc:
            raise Http404(_("No such application.")) from exc
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.application.reference} · {self.application.startup.enterprise.name}"

    def post(self, request, *args, **kwargs):
        require(request.user, "programmes.change_application")
        form = StatusForm(request.POST, application=self.application)
        if form.is_valid():
            data = form.cleaned_data
            try:
                application_transition(
                    application=self.application, to_status=data["to_status"],
                    actor=request.user, note=data["note"],
                    notify=data["notify"] and data["to_status"] in DECISIONS)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(ref)s is now %(status)s.") % {
                    "ref": self.application.reference,
                    "status": Application.Status(data["to_status"]).label.lower()})
                return redirect("programmes_admin:application", pk=self.application.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        answers = {a.question_id: a for a in application.answers.all()}
        context.update({
            "application": application,
            "answers": [(q, answers.get(q.pk)) for q in application.call.questions.all()],
            "history": list(application.status_changes.all()),
            "reviews": list(application.reviews.all()),
            "members": list(application.startup.enterprise.memberships.all()),
            "form": kwargs.get("form") or StatusForm(application=application),
            "may_change": self.request.user.has_perm("programmes.change_application"),
        })
        return context


# --- review round ------------------------------------------------------------------------

class RoundMixin:
    section_label = gettext_lazy("Review rounds")
    section_url_name = "programme_rounds:index"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, *self.permissions)
        self.round = get_object_or_404(ReviewRound.objects.select_related("call__programme"),
                                       pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class RoundAdminView(RoundMixin, AdminPage):
    template_name = TEMPLATES + "round.html"
    permissions = ("programmes.view_reviewround",)
    header_icon = "tasks"

    def get_page_title(self):
        return str(self.round)

    def post(self, request, *args, **kwargs):
        require(request.user, "programmes.change_reviewround")
        try:
            result = round_assign(round=self.round, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(created)s reviews assigned for %(apps)s "
                                        "applications.") % {
                "created": result.created, "apps": result.applications})
            if result.short:
                messages.warning(request, _("Too few reviewers without a conflict for: "
                                            "%(refs)s.") % {"refs": ", ".join(result.short)})
        return redirect("programmes_admin:round", pk=self.round.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round = self.round
        progress = selectors.round_progress(round)
        loads = [row["assigned"] for row in progress]
        counts = Application.objects.filter(call_id=round.call_id).aggregate(
            in_review=Count("pk", filter=Q(status=Application.Status.IN_REVIEW)))
        context.update({
            "round": round,
            "progress": progress,
            "total_assigned": sum(loads),
            "total_submitted": sum(row["submitted"] for row in progress),
            "load_spread": (max(loads) - min(loads)) if loads else 0,
            "in_review": counts["in_review"],
            "criteria": list(round.criteria.all()),
            "reviewers": list(round.reviewers.order_by("full_name")),
            "may_assign": self.request.user.has_perm("programmes.change_reviewround"),
            "pending_emails": decision_emails_pending(call=round.call).count(),
        })
        return context


def _float(value, digits=2):
    return "" if value is None else round(value, digits)


class RankingAdminView(RoundMixin, AdminPage):
    """The ranking: weighted means, optional z-score normalisation, the disagreement flag,
    sorting, filters, export, and the selection for a bulk decision."""

    template_name = TEMPLATES + "ranking.html"
    permissions = ("programmes.view_reviewround", "programmes.view_application")
    header_icon = "list-ol"

    def get_page_title(self):
        return _("Ranking: %(round)s") % {"round": self.round}

    def get(self, request, *args, **kwargs):
        self.filters = RankingFilterForm(request.GET or None)
        data = self.filters.cleaned_data if self.filters.is_valid() else {}
        self.normalise = {"1": True, "0": False}.get(data.get("normalise") or "",
                                                       self.round.normalise)
        self.order = data.get("order") or "score"
        applications = None
        if data.get("status") or data.get("q"):
            applications = Application.objects.filter(call_id=self.round.call_id)
            if data.get("status"):
                applications = applications.filter(status=data["status"])
            if data.get("q"):
                applications = applications.filter(
                    startup__enterprise__name__icontains=data["q"])
        self.query = {"applications": applications, "flagged_only": bool(data.get("flagged")),
                      "complete_only": bool(data.get("complete"))}
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def export(self, fmt):
        rows = ranking(round=self.round, normalise=self.normalise, order=self.order,
                       **self.query).rows
        dataset = tablib.Dataset(headers=[
            _("Rank"), _("Reference"), _("Startup"), _("Status"), _("Reviews submitted"),
            _("Reviews assigned"), _("Mean score"), _("Normalised score (z)"),
            _("Standard deviation"), _("Reviewers disagree"), _("Accept"), _("Maybe"),
            _("Reject")])
        for row in rows:
            application = row.application
            dataset.append([
                row.rank, application.reference, application.startup.enterprise.name,
                application.get_status_display(), row.submitted, row.assigned,
                _float(row.mean), _float(row.z), _float(row.std),
                _("yes") if row.flagged else _("no"), row.accept, row.maybe, row.reject])
        content_type = {"csv": "text/csv; charset=utf-8",
                        "xlsx": "application/vnd.openxmlformats-officedocument."
                                "spreadsheetml.sheet"}[fmt]
        response = HttpResponse(dataset.export(fmt), content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="ranking-round-{self.round.pk}.{fmt}"')
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            page_number = max(1, int(self.request.GET.get("p", "1")))
        except ValueError:
            page_number = 1
        page = ranking(round=self.round, normalise=self.normalise, order=self.order,
                       offset=(page_number - 1) * PAGE_SIZE, limit=PAGE_SIZE, **self.query)
        pages = max(1, math.ceil(page.total / PAGE_SIZE))
        params = {k: v for k, v in self.request.GET.items() if k not in {"p", "export"}}

        def page_url(number):
            return "?" + urlencode({**params, "p": number})

        context.update({
            "round": self.round, "rows": page.rows, "total": page.total,
            "normalise": self.normalise, "filters": self.filters,
            "page_number": page_number, "pages": pages,
            "previous_url": page_url(page_number - 1) if page_number > 1 else "",
            "next_url": page_url(page_number + 1) if page_number < pages else "",
            "export_csv": "?" + urlencode({**params, "export": "csv"}),
            "export_xlsx": "?" + urlencode({**params, "export": "xlsx"}),
            "decision_form": DecisionForm(call=self.round.call),
            "may_decide": self.request.user.has_perm("programmes.change_application"),
        })
        return context


class DecideAdminView(RoundMixin, AdminPage):
    """Step two of a bulk decision: the selection from the ranking, the e-mail each
    applicant will get in their language, and the confirmation."""

    template_name = TEMPLATES + "decide.html"
    permissions = ("programmes.change_application",)
    header_icon = "success"
    http_method_names = ["post"]

    def get_page_title(self):
        return _("Decision")

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST, call=self.round.call)
        if not form.is_valid():
            messages.error(request, _("Choose applications and a decision."))
            return redirect("programmes_admin:ranking", pk=self.round.pk)
        data = form.cleaned_data
        if request.POST.get("confirm") == "1":
            try:
                if data["decision"] in DECISIONS:
                    changes = applications_decide(
                        applications=data["applications"], decision=data["decision"],
                        actor=request.user, note=data["note"],
                        send_emails=data["send_emails"])
                else:
                    changes = applications_transition(
                        applications=data["applications"], to_status=data["decision"],
                        actor=request.user, note=data["note"])
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, ngettext(
                    "%(count)s application is now %(status)s.",
                    "%(count)s applications are now %(status)s.", len(changes)) % {
                    "count": len(changes),
                    "status": Application.Status(data["decision"]).label.lower()})
                return redirect("programmes_admin:ranking", pk=self.round.pk)
        if request.POST.get("confirm") != "1":
            # From the ranking: ask again, with the e-mails on by default.
            form = DecisionForm(call=self.round.call, initial={
                "decision": data["decision"], "applications": data["applications"],
                "send_emails": True})
        return self.render_to_response(self.get_context_data(form=form, data=data))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, data = kwargs["form"], kwargs["data"]
        applications = list(data["applications"].select_related(
            "startup__enterprise", "created_by").order_by("startup__enterprise__name"))
        previews = []
        if data["decision"] in DECISIONS:
            languages = sorted({(a.created_by.preferred_language if a.created_by else "az")
                                for a in applications})
            for language in languages:
                subject, body = decision_template_for(call=self.round.call,
                                                      decision=data["decision"],
                                                      language=language)
                previews.append({"language": language, "subject": subject, "body": body})
        context.update({"round": self.round, "form": form, "applications": applications,
                        "decision": Application.Status(data["decision"]),
                        "previews": previews})
        return context


class DecisionEmailsRetryView(RoundMixin, AdminPage):
    permissions = ("programmes.change_application",)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = decision_emails_retry(call=self.round.call)
        messages.success(request, ngettext("%(count)s decision e-mail queued again.",
                                           "%(count)s decision e-mails queued again.",
                                           count) % {"count": count})
        return redirect("programmes_admin:round", pk=self.round.pk)


# --- cohort ------------------------------------------------------------------------------

class CohortMixin:
    section_label = gettext_lazy("Cohorts")
    section_url_name = "programme_cohorts:index"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, *self.permissions)
        self.cohort = get_object_or_404(Cohort.objects.select_related("programme__centre"),
                                        pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class CohortAdminView(CohortMixin, AdminPage):
    """The cohort's dashboard: milestones done, evidence waiting for sign-off, each
    startup's progress and figures, and enrolling accepted startups."""

    template_name = TEMPLATES + "cohort.html"
    permissions = ("programmes.view_cohort",)
    header_icon = "group"

    def get_page_title(self):
        return str(self.cohort)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "enrol":
                require(request.user, "programmes.change_enrolment")
                ids = request.POST.getlist("applications")
                applications = list(selectors.accepted_not_enrolled(
                    programme=self.cohort.programme).filter(pk__in=ids))
                enrolled = cohort_enrol(cohort=self.cohort, applications=applications,
                                        actor=request.user)
                messages.success(request, ngettext(
                    "%(count)s startup enrolled.", "%(count)s startups enrolled.",
                    len(enrolled)) % {"count": len(enrolled)})
            elif action in {"sign_off", "return"}:
                require(request.user, "programmes.change_milestonesubmission")
                submission = get_object_or_404(MilestoneSubmission,
                                               pk=request.POST.get("submission"),
                                               enrolment__cohort=self.cohort)
                form = ReviewNoteForm(request.POST)
                note = form.cleaned_data["note"] if form.is_valid() else ""
                if action == "sign_off":
                    milestone_sign_off(submission=submission, actor=request.user, note=note)
                    messages.success(request, _("Milestone signed off."))
                else:
                    milestone_return(submission=submission, actor=request.user, note=note)
                    messages.success(request, _("Evidence returned to the startup."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("programmes_admin:cohort", pk=self.cohort.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.cohort
        enrolments = list(selectors.cohort_enrolments(cohort))
        milestones = list(cohort.milestones.annotate(
            submitted=Count("submissions", filter=Q(
                submissions__status=MilestoneSubmission.Status.SUBMITTED)),
            signed_off=Count("submissions", filter=Q(
                submissions__status=MilestoneSubmission.Status.SIGNED_OFF)),
        ).order_by("sort_order", "due_on", "pk"))
        signed = {}
        for enrolment_id, count in (MilestoneSubmission.objects.filter(
                enrolment__cohort=cohort, status=MilestoneSubmission.Status.SIGNED_OFF)
                .values_list("enrolment_id").annotate(n=Count("pk")).order_by()):
            signed[enrolment_id] = count
        for enrolment in enrolments:
            enrolment.signed_off = signed.get(enrolment.pk, 0)
        figures = Enrolment.objects.filter(cohort=cohort).aggregate(
            employees=Sum("startup__enterprise__employees"),
            team=Sum("startup__team_size"), capital=Sum("startup__capital_raised"))
        startups = [e.startup for e in enrolments]
        sessions = dict(sessions_of_startups(startups).filter(
            starts_at__date__gte=cohort.starts_on).values_list("startup_id").annotate(
            n=Count("pk")).order_by())
        latest = {}
        for report in impact_reports_for_startups(startups).order_by("-month", "-pk"):
            latest.setdefault(report.enterprise_id, report)
        for enrolment in enrolments:
            enrolment.session_count = sessions.get(enrolment.startup_id, 0)
            enrolment.impact = latest.get(enrolment.startup.enterprise_id)
        figures.update({
            "sessions": sum(sessions.values()),
            "revenue": sum(r.revenue for r in latest.values()),
            "users": sum(r.users for r in latest.values()),
        })
        context.update({
            "cohort": cohort, "enrolments": enrolments, "milestones": milestones,
            "milestone_total": len(milestones),
            "done_total": sum(m.signed_off for m in milestones),
            "possible_total": len(milestones) * len(enrolments),
            "figures": figures,
            "waiting": list(selectors.cohort_submissions(cohort).filter(
                status=MilestoneSubmission.Status.SUBMITTED).order_by("submitted_at")),
            "accepted": list(selectors.accepted_not_enrolled(programme=cohort.programme)),
            "note_form": ReviewNoteForm(),
            "may_sign_off": self.request.user.has_perm(
                "programmes.change_milestonesubmission"),
            "may_enrol": self.request.user.has_perm("programmes.change_enrolment"),
        })
        return context


class GraduationAdminView(CohortMixin, AdminPage):
    template_name = TEMPLATES + "graduation.html"
    permissions = ("programmes.view_cohort", "programmes.change_enrolment")
    header_icon = "success"

    def get_page_title(self):
        return _("Graduation: %(cohort)s") % {"cohort": self.cohort}

    def post(self, request, *args, **kwargs):
        form = GraduationForm(request.POST, cohort=self.cohort)
        if form.is_valid():
            data = form.cleaned_data
            if data["issue_certificates"]:
                require(request.user, "documents.add_certificate")
            try:
                batch = cohort_graduate(
                    cohort=self.cohort, enrolments=list(data["enrolments"]),
                    actor=request.user, override_reason=data["override_reason"],
                    signatory_name=data["signatory_name"],
                    signatory_title=data["signatory_title"],
                    issue_certificates=data["issue_certificates"])
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None,
                               error.message)
            else:
                graduated = len(data["enrolments"])
                messages.success(request, ngettext(
                    "%(count)s startup graduated.", "%(count)s startups graduated.",
                    graduated) % {"count": graduated})
                if batch is not None:
                    return redirect("certificates_admin:batch", pk=batch.pk)
                return redirect("programmes_admin:cohort", pk=self.cohort.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolments = list(selectors.cohort_enrolments(self.cohort).select_related("cohort"))
        missing = missing_milestones(enrolments)
        context.update({
            "cohort": self.cohort,
            "rows": [{"enrolment": e, "missing": missing[e.pk]} for e in enrolments],
            "form": kwargs.get("form") or GraduationForm(cohort=self.cohort),
        })
        return context


admin_urlpatterns = [
    path("applications/<int:pk>/", ApplicationAdminView.as_view(), name="application"),
    path("rounds/<int:pk>/", RoundAdminView.as_view(), name="round"),
    path("rounds/<int:pk>/ranking/", RankingAdminView.as_view(), name="ranking"),
    path("rounds/<int:pk>/decide/", DecideAdminView.as_view(), name="decide"),
    path("rounds/<int:pk>/emails/retry/", DecisionEmailsRetryView.as_view(),
         name="emails_retry"),
    path("cohorts/<int:pk>/", CohortAdminView.as_view(), name="cohort"),
    path("cohorts/<int:pk>/graduation/", GraduationAdminView.as_view(), name="graduation"),
]
