"""Portal pages for reviewers: my assignments with progress, the scoring form, and
declaring a conflict of interest. A review is looked up among the person's own (another
reviewer's is a 404). Other reviewers' scores appear only once one's own is submitted;
in a blind round nothing names the applicant, its team or its files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from programmes import selectors
from programmes.forms import ConflictForm, ReviewForm
from programmes.models import Answer, Review, ReviewRound
from programmes.services.reviews import conflict_declare, review_submit
from programmes.views import private_file_response


def _review_or_404(request, pk):
    try:
        return selectors.review_for_reviewer(user=request.user, pk=pk)
    except Review.DoesNotExist as exc:
        raise Http404(_("No such review.")) from exc


@login_required
def review_list(request):
    reviews = list(selectors.reviews_for_reviewer(request.user))
    rounds = {}
    for review in reviews:
        rounds.setdefault(review.round_id, {"round": review.round, "reviews": [],
                                            "submitted": 0})
        entry = rounds[review.round_id]
        entry["reviews"].append(review)
        entry["submitted"] += review.status == Review.Status.SUBMITTED
    return render(request, "programmes/portal/reviews.html", {"rounds": list(rounds.values())})


@login_required
def review_detail(request, pk):
    review = _review_or_404(request, pk)
    round = review.round
    criteria = list(round.criteria.all())
    submitted = review.status == Review.Status.SUBMITTED
    form = None
    status = 200
    if not submitted:
        form = ReviewForm(request.POST or None, criteria=criteria)
        if request.method == "POST":
            if form.is_valid():
                try:
                    review_submit(review=review, actor=request.user, scores=form.scores(),
                                  recommendation=form.cleaned_data["recommendation"],
                                  comment=form.cleaned_data["comment"])
                except DomainError as error:
                    form.add_domain_error(error)
                else:
                    messages.success(request, _("Your review was submitted."))
                    return redirect("programmes:review", pk=review.pk)
            status = 400
            messages.error(request, _("Nothing was saved. Please correct the errors below."))
    elif request.method == "POST":
        messages.error(request, _("You have already submitted this review."))
        return redirect("programmes:review", pk=review.pk)
    others = list(selectors.other_reviews(review)) if submitted else []
    application = review.application
    return render(request, "programmes/portal/review.html", {
        "review": review, "round": round, "blind": round.blind,
        "application": application, "form": form, "criteria": criteria,
        "answers": list(selectors.answers_for_review(review)),
        "own_scores": {s.criterion_id: s.value for s in review.scores.all()},
        "others": others,
        "scoring_open": round.status == ReviewRound.Status.OPEN,
        "conflict_form": ConflictForm(),
    }, status=status)


@login_required
@require_POST
def review_conflict(request, pk):
    review = _review_or_404(request, pk)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        conflict_declare(reviewer=request.user, application=review.application,
                         actor=request.user, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("programmes:review", pk=review.pk)
    messages.success(request, _("Thank you. The application was taken off your list and "
                                "will go to another reviewer."))
    return redirect("programmes:reviews")


@login_required
def review_file(request, pk, answer_pk):
    """An applicant's upload as the reviewer sees it: under a neutral name in a blind
    round."""
    review = _review_or_404(request, pk)
    answer = get_object_or_404(Answer.objects.select_related("question"),
                               pk=answer_pk, application_id=review.application_id)
    filename = answer.file_name
    if review.round.blind:
        filename = f"{review.application.reference}-{answer.question.sort_order or 0}.pdf"
    return private_file_response(answer.file, filename)
