"""Portal pages of business plans, for the members of the plan's enterprise: the list,
a new plan, and the plan's page with a form per section, the forecast table (recalculated
through htmx as it changes, saved with its button), submission, history and the PDF.

Every plan is looked up among the person's own (plans_for_user): another enterprise's
plan answers 404, whatever the method.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.selectors import enterprises_for_user
from documents import finance, plan_tables
from documents.forms_plans import (
    ADD_ACTIONS,
    FinancialsForm,
    PlanCreateForm,
    PlanSettingsForm,
    SectionForm,
)
from documents.models.business_plan import SECTION_KEYS, SECTIONS
from documents.plan_hooks import collect_actuals
from documents.selectors_plans import plan_versions, plans_for_user
from documents.services.business_plans import (
    BusinessPlanFinancialsError,
    business_plan_create,
    business_plan_pdf_request,
    business_plan_submit,
    business_plan_update,
    business_plan_update_financials,
    business_plan_update_section,
)


def _plan_or_404(request, pk):
    return get_object_or_404(plans_for_user(request.user), pk=pk)


def _figures(model, plan):
    return plan_tables.figures(model, start_month=plan.start_month)


def _stored_figures(plan):
    return _figures(finance.parse(plan.financials), plan)


def _detail(request, plan, *, section_forms=None, settings_form=None, financials=None,
            figures=None, status=200):
    """The plan's page; a view that refused a form passes it in, bound, with its errors."""
    versions = list(plan_versions(plan))
    section_forms = section_forms or {}
    sections = [
        {"key": key, "label": label, "text": plan.sections.get(key, ""),
         "form": section_forms.get(key) or SectionForm(
             initial={"text": plan.sections.get(key, "")}, auto_id=f"id_{key}_%s")}
        for key, label in SECTIONS
    ]
    financials = financials or FinancialsForm(initial=plan.financials,
                                              start_month=plan.start_month)
    if figures is None and not financials.is_bound:
        figures = _stored_figures(plan)
    stored = figures if not financials.is_bound else _stored_figures(plan)
    actual_rows, actual_totals = plan_tables.plan_versus_actual(
        stored.result,
        collect_actuals(plan.enterprise, start_month=plan.start_month,
                        months=stored.model.months),
        stored.labels,
    )
    return render(request, "documents/plans/detail.html", {
        "plan": plan,
        "sections": sections,
        "settings_form": settings_form or PlanSettingsForm(initial={
            "title": plan.title, "language": plan.language, "start_month": plan.start_month,
        }),
        "financials": financials,
        "table": financials.table(),
        "figures": figures,
        "versions": versions,
        "reviewed": next((v for v in versions if v.reviewed_at), None),
        "actual_rows": actual_rows,
        "actual_totals": actual_totals,
    }, status=status)


@login_required
def plan_list(request):
    plans = list(plans_for_user(request.user))
    return render(request, "documents/plans/list.html", {
        "plans": plans,
        "may_create": enterprises_for_user(request.user).exists(),
    })


@login_required
def plan_create(request):
    enterprises = enterprises_for_user(request.user)
    initial = {"language": request.user.preferred_language}
    if request.GET.get("enterprise", "").isdigit():
        initial["enterprise"] = int(request.GET["enterprise"])
    form = PlanCreateForm(request.POST or None, initial=initial, enterprises=enterprises)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = business_plan_create(
                enterprise=data["enterprise"], actor=request.user, title=data["title"],
                language=data["language"], start_month=data["start_month"],
                months=data["months"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The business plan was created."))
            return redirect("documents:plan_detail", pk=plan.pk)
    return render(request, "documents/plans/create.html", {"form": form})


@login_required
def plan_detail(request, pk):
    return _detail(request, _plan_or_404(request, pk))


@login_required
@require_POST
def plan_settings(request, pk):
    plan = _plan_or_404(request, pk)
    form = PlanSettingsForm(request.POST)
    if form.is_valid():
        try:
            business_plan_update(plan=plan, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The plan's details were saved."))
            return redirect("documents:plan_detail", pk=plan.pk)
    return _detail(request, plan, settings_form=form)


@login_required
@require_POST
def plan_section(request, pk, key):
    plan = _plan_or_404(request, pk)
    if key not in SECTION_KEYS:
        return redirect("documents:plan_detail", pk=plan.pk)
    form = SectionForm(request.POST, auto_id=f"id_{key}_%s")
    if form.is_valid():
        try:
            business_plan_update_section(plan=plan, actor=request.user, key=key,
                                         text=form.cleaned_data["text"])
        except DomainError as exc:
            form.add_error("text" if exc.field == "text" else None, exc.message)
        else:
            messages.success(request, _("The section was saved."))
            return redirect(reverse("documents:plan_detail", args=[plan.pk]) + f"#section-{key}")
    return _detail(request, plan, section_forms={key: form})


@login_required
@require_POST
def plan_financials(request, pk):
    """Save the forecast table, or (for "add a row") show it again with an empty row."""
    plan = _plan_or_404(request, pk)
    action = request.POST.get("action", "save")
    form = FinancialsForm(data=request.POST, start_month=plan.start_month,
                          add=ADD_ACTIONS.get(action))
    if action in ADD_ACTIONS or action == "resize":
        figures = _figures(form.model, plan) if form.is_valid() else None
        form.errors = {}
        return _detail(request, plan, financials=form, figures=figures)
    if form.is_valid():
        try:
            business_plan_update_financials(plan=plan, actor=request.user, data=form.model)
        except BusinessPlanFinancialsError as exc:
            form.errors = exc.errors
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("documents:plan_detail", pk=plan.pk)
        else:
            messages.success(request, _("The financial model was saved."))
            return redirect(reverse("documents:plan_detail", args=[plan.pk]) + "#financials")
    messages.error(request, _("Correct the figures marked below; nothing was saved."))
    return _detail(request, plan, financials=form)


@login_required
@require_POST
def plan_recalculate(request, pk):
    """htmx: the computed tables and totals for the posted table, nothing saved; with
    each row's messages swapped in beside it, and the sales table itself when the
    number of months changed."""
    plan = _plan_or_404(request, pk)
    form = FinancialsForm(data=request.POST, start_month=plan.start_month)
    figures = _figures(form.model, plan) if form.is_valid() else None
    table = form.table()
    return render(request, "documents/plans/_recalculated.html", {
        "plan": plan,
        "figures": figures,
        "financials": form,
        "table": table,
        "resized": form.months is not None and form.posted_columns != form.months,
    })


@login_required
@require_POST
def plan_submit(request, pk):
    plan = _plan_or_404(request, pk)
    try:
        version = business_plan_submit(plan=plan, actor=request.user)
    except BusinessPlanFinancialsError as exc:
        messages.error(request, exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Version %(number)s was sent to the advisers for review.")
                         % {"number": version.number})
    return redirect("documents:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_pdf(request, pk):
    plan = _plan_or_404(request, pk)
    document = business_plan_pdf_request(plan=plan, actor=request.user)
    messages.info(request, _("Your PDF is being prepared. This page shows when it is ready."))
    return redirect("documents:detail", pk=document.pk)
