"""Portal pages for founders: open calls, applying, my applications, my cohort and its
milestones. Everything is looked up among the person's own (another startup's
application or enrolment answers 404, whatever the method)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from incubator.models import Startup
from incubator.selectors import startups_for_user
from programmes import selectors
from programmes.forms import ApplicationForm, ApplyForm, EvidenceForm, WithdrawForm
from programmes.models import Answer, Application, Call, Enrolment, MilestoneSubmission
from programmes.services.applications import (
    application_save_and_submit,
    application_save_answers,
    application_start,
    application_withdraw,
)
from programmes.services.cohorts import milestone_evidence_submit


def _my_startups(user):
    return list(startups_for_user(user))


@login_required
def index(request):
    user = request.user
    return render(request, "programmes/portal/index.html", {
        "calls": list(selectors.calls_open()),
        "applications": list(selectors.applications_for_user(user)),
        "enrolments": list(selectors.enrolments_for_user(user)),
        "review_progress": selectors.reviewer_progress(user),
    })


@login_required
def call_detail(request, pk):
    try:
        call = selectors.call_for_portal(pk=pk)
    except Call.DoesNotExist as exc:
        raise Http404(_("No such call.")) from exc
    startups = _my_startups(request.user)
    mine = {a.startup_id: a for a in selectors.applications_for_user(request.user)
            .filter(call=call)}
    form = ApplyForm(request.POST or None, startups=Startup.objects.filter(
        pk__in=[s.pk for s in startups if s.pk not in mine]).select_related("enterprise")
        .order_by("enterprise__name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_startup = None
        if not data["startup"]:
            new_startup = {"name": data["new_name"], "sector": data["new_sector"],
                           "region": data["new_region"]}
        try:
            application = application_start(call=call, actor=request.user,
                                             startup=data["startup"],
                                             new_startup=new_startup)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Your draft application was created. Answer the "
                                        "questions and submit it before the deadline."))
            return redirect("programmes:application", pk=application.pk)
    return render(request, "programmes/portal/call.html", {
        "call": call, "form": form, "is_open": call.is_open(),
        "my_applications": list(mine.values()),
    }, status=400 if form.errors else 200)


def _application_or_404(request, pk):
    try:
        return selectors.application_for_member(user=request.user, pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404(_("No such application.")) from exc


@login_required
def application_detail(request, pk):
    application = _application_or_404(request, pk)
    answers = {a.question_id: a for a in application.answers.all()}
    questions = list(application.call.questions.all())
    editable = (application.status == Application.Status.DRAFT
                and application.call.is_open())
    form = None
    status = 200
    if editable:
        form = ApplicationForm(request.POST or None, request.FILES or None,
                               questions=questions, answers=answers)
        if request.method == "POST":
            if form.is_valid():
                values, files = form.values()
                submit = request.POST.get("action") == "submit"
                try:
                    if submit:
                        application_save_and_submit(application=application,
                                                    actor=request.user, values=values,
                                                    files=files)
                    else:
                        application_save_answers(application=application,
                                                 actor=request.user, values=values,
                                                 files=files)
                except DomainError as error:
                    form.add_domain_error(error)
                else:
                    messages.success(request, _("Your application was submitted.") if submit
                                     else _("Your draft was saved."))
                    return redirect("programmes:application", pk=application.pk)
            status = 400
            messages.error(request, _("Nothing was saved. Please correct the errors below."))
    elif request.method == "POST":
        messages.error(request, _("This application can no longer be changed."))
        return redirect("programmes:application", pk=application.pk)
    return render(request, "programmes/portal/application.html", {
        "application": application,
        "form": form,
        "answers": [(q, answers.get(q.pk)) for q in questions],
        "history": list(application.status_changes.all()),
        "withdraw_form": WithdrawForm(),
        "may_withdraw": application.status not in (
            Application.Status.ACCEPTED, Application.Status.REJECTED,
            Application.Status.WITHDRAWN),
        "now": timezone.now(),
    }, status=status)


@login_required
@require_POST
def application_withdraw_view(request, pk):
    application = _application_or_404(request, pk)
    form = WithdrawForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        application_withdraw(application=application, actor=request.user, note=note)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("programmes:application", pk=application.pk)


def private_file_response(field_file, filename):
    if not field_file:
        raise Http404(_("No file."))
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename,
                        content_type="application/pdf")


@login_required
def answer_file(request, pk):
    """An applicant's upload, for the startup's members, its assigned reviewers and staff.
    A reviewer in a blind round gets it under a neutral name."""
    answer = get_object_or_404(
        Answer.objects.select_related("application__startup", "question"), pk=pk)
    application = answer.application
    if not request.user.has_perm("programmes.download_answer_file", application):
        raise Http404(_("No such file."))
    filename = answer.file_name
    is_member = request.user.has_perm("programmes.portal_view_application", application)
    if not is_member and not request.user.has_perm("programmes.view_application"):
        blind = application.reviews.filter(reviewer=request.user, round__blind=True).exists()
        if blind:
            filename = f"{application.reference}-{answer.question.sort_order or 0}.pdf"
    return private_file_response(answer.file, filename)


# --- cohort ----------------------------------------------------------------------------------

def _enrolment_or_404(request, pk):
    try:
        return selectors.enrolment_for_member(user=request.user, pk=pk)
    except Enrolment.DoesNotExist as exc:
        raise Http404(_("No such cohort.")) from exc


def _milestone_rows(enrolment, forms=None):
    forms = forms or {}
    submissions = {s.milestone_id: s for s in enrolment.submissions.all()}
    rows = []
    for milestone in enrolment.cohort.milestones.all():
        submission = submissions.get(milestone.pk)
        open_for_evidence = (enrolment.status == Enrolment.Status.ACTIVE and (
            submission is None or submission.status != MilestoneSubmission.Status.SIGNED_OFF))
        rows.append({
            "milestone": milestone, "submission": submission,
            "form": forms.get(milestone.pk) or (
                EvidenceForm(prefix=f"m{milestone.pk}",
                             initial={"evidence": submission.evidence if submission else ""})
                if open_for_evidence else None),
        })
    return rows


@login_required
def enrolment_detail(request, pk):
    enrolment = _enrolment_or_404(request, pk)
    rows = _milestone_rows(enrolment)
    done = sum(1 for r in rows if r["submission"]
               and r["submission"].status == MilestoneSubmission.Status.SIGNED_OFF)
    return render(request, "programmes/portal/cohort.html", {
        "enrolment": enrolment, "rows": rows, "done": done, "today": timezone.localdate(),
    })


@login_required
@require_POST
def evidence_submit(request, pk, milestone_pk):
    enrolment = _enrolment_or_404(request, pk)
    milestone = next((m for m in enrolment.cohort.milestones.all() if m.pk == milestone_pk),
                     None)
    if milestone is None:
        raise Http404(_("No such milestone."))
    form = EvidenceForm(request.POST, request.FILES, prefix=f"m{milestone.pk}")
    if form.is_valid():
        try:
            milestone_evidence_submit(enrolment=enrolment, milestone=milestone,
                                      actor=request.user,
                                      evidence=form.cleaned_data["evidence"],
                                      upload=form.cleaned_data.get("file") or None)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Your evidence was sent for sign-off."))
            return redirect("programmes:cohort", pk=enrolment.pk)
    messages.error(request, _("Nothing was saved. Please correct the errors below."))
    enrolment = _enrolment_or_404(request, pk)
    rows = _milestone_rows(enrolment, forms={milestone.pk: form})
    return render(request, "programmes/portal/cohort.html", {
        "enrolment": enrolment, "rows": rows, "today": timezone.localdate(),
        "done": sum(1 for r in rows if r["submission"]
                    and r["submission"].status == MilestoneSubmission.Status.SIGNED_OFF),
    }, status=400)


@login_required
def evidence_file(request, pk):
    submission = get_object_or_404(
        MilestoneSubmission.objects.select_related("enrolment__startup"), pk=pk)
    if not request.user.has_perm("programmes.download_evidence_file", submission.enrolment):
        raise Http404(_("No such file."))
    return private_file_response(submission.file, submission.file_name)
