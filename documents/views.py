"""Portal pages of documents: ask for a profile PDF, follow its status, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.models import Enterprise
from core.selectors import enterprise_for_member
from documents.selectors import documents_for_user
from documents.services import enterprise_profile_request


def document_file_response(document):
    if not document.is_ready or not document.file:
        raise Http404(_("This document is not ready yet."))
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.filename,
        content_type="application/pdf",
    )


@login_required
@require_POST
def enterprise_profile(request, enterprise_pk):
    try:
        enterprise = enterprise_for_member(user=request.user, pk=enterprise_pk)
    except Enterprise.DoesNotExist as exc:
        raise Http404(_("No such enterprise.")) from exc
    document = enterprise_profile_request(enterprise=enterprise, user=request.user)
    messages.info(request, _("Your PDF is being prepared. This page shows when it is ready."))
    return redirect("documents:detail", pk=document.pk)


@login_required
def detail(request, pk):
    document = get_object_or_404(documents_for_user(request.user), pk=pk)
    template = "documents/portal/detail.html"
    if request.htmx:
        template = "documents/portal/_status.html"
    return render(request, template, {"document": document})


@login_required
def download(request, pk):
    document = get_object_or_404(documents_for_user(request.user), pk=pk)
    return document_file_response(document)
