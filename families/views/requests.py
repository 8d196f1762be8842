"""The family's side of the one-stop shop: its requests, a request's timeline and
messages, attachments, rating a closed request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.models import Feedback
from families.forms.portal import MessageForm, RatingForm, ServiceRequestForm
from families.selectors.requests import (
    message_for_family,
    messages_of,
    request_for_family,
    requests_of_family,
    timeline_of,
)
from families.services.requests import (
    service_message_post,
    service_request_cancel,
    service_request_open,
    service_request_rate,
)
from families.views.common import family_or_404, get_or_404


@login_required
def request_list(request, family):
    family = family_or_404(request, family)
    form = ServiceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = service_request_open(family=family, opened_by=request.user,
                                           **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your request was sent to ABAD."))
            return redirect("families:request_detail", family.pk, created.pk)
    return render(request, "families/portal/requests.html", {
        "family": family, "requests": list(requests_of_family(family)), "form": form,
    })


def attachment_response(message):
    if not message.attachment:
        raise Http404
    return FileResponse(message.attachment.open("rb"), as_attachment=True,
                        filename=message.attachment_name,
                        content_type=message.attachment_type)


@login_required
def request_detail(request, family, pk):
    family = family_or_404(request, family)
    service_request = get_or_404(request_for_family, family=family, pk=pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service_message_post(request=service_request, author=request.user,
                                 body=form.cleaned_data["body"],
                                 attachment=form.cleaned_data["attachment"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect("families:request_detail", family.pk, service_request.pk)
    rating = Feedback.objects.filter(
        author=request.user, subject_type__app_label="families",
        subject_type__model="servicerequest", subject_id=service_request.pk).first()
    return render(request, "families/portal/request_detail.html", {
        "family": family, "request_obj": service_request, "form": form,
        "timeline": list(timeline_of(service_request)),
        "messages_list": list(messages_of(service_request)),
        "rating": rating,
        "rating_form": RatingForm(initial={"rating": rating.rating if rating else None}),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def request_rate(request, family, pk):
    family = family_or_404(request, family)
    service_request = get_or_404(request_for_family, family=family, pk=pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
    else:
        try:
            service_request_rate(request=service_request, author=request.user,
                                 **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            messages.error(request, getattr(exc, "message", None) or "; ".join(exc.messages))
        else:
            messages.success(request, _("Thank you for your rating."))
    return redirect("families:request_detail", family.pk, service_request.pk)


@login_required
@require_POST
def request_cancel(request, family, pk):
    family = family_or_404(request, family)
    service_request = get_or_404(request_for_family, family=family, pk=pk)
    try:
        service_request_cancel(request=service_request, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The request was withdrawn."))
    return redirect("families:request_detail", family.pk, service_request.pk)


@login_required
def attachment(request, family, pk):
    family = family_or_404(request, family)
    return attachment_response(get_or_404(message_for_family, family=family, pk=pk))
