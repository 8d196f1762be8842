"""The technician's shift sheet, in the back office and made for a phone: the day's
shifts, and per shift who is booked, check-in, no-show, and the production lots with
the technician's sign-off. Every write is a service call."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.errors import DomainError
from families.forms.staff import LotForm
from families.models import Shift, ShiftBooking
from families.selectors.bookings import lot_code_suggestion
from families.selectors.shifts import sheet_bookings, sheet_shifts, shift_for_sheet
from families.services.sheet import booking_check_in, booking_mark_no_show, lot_log
from families.viewsets.common import AdminPageMixin, add_errors, require


class SheetIndexView(AdminPageMixin, TemplateView):
    template_name = "families/admin/sheet_index.html"
    page_title = gettext_lazy("Shift sheet")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.run_shift_sheet")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            day = datetime.date.fromisoformat(self.request.GET.get("day", ""))
        except ValueError:
            day = timezone.localdate()
        mine = self.request.GET.get("all") != "1"
        shifts = sheet_shifts(day=day, technician=self.request.user if mine else None)
        context.update({"day": day, "mine": mine, "shifts": list(shifts),
                        "previous": day - datetime.timedelta(days=1),
                        "next": day + datetime.timedelta(days=1)})
        return context


class SheetView(AdminPageMixin, TemplateView):
    template_name = "families/admin/sheet.html"
    index_url_name = "families_admin:sheet_index"
    index_label = gettext_lazy("Shift sheet")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.run_shift_sheet")
        try:
            self.shift = shift_for_sheet(kwargs["pk"])
        except Shift.DoesNotExist as exc:
            raise Http404 from exc
        self.lot_forms = {}
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        local = timezone.localtime(self.shift.starts_at)
        return _("%(line)s, %(day)s %(start)s") % {
            "line": self.shift.line.name, "day": local.strftime("%d.%m.%Y"),
            "start": local.strftime("%H:%M")}

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        booking = get_object_or_404(ShiftBooking, shift=self.shift,
                                    pk=request.POST.get("booking") or 0)
        try:
            if action == "check_in":
                booking_check_in(booking=booking, actor=request.user)
                messages.success(request, _("%(family)s is checked in.") % {
                    "family": booking.family})
            elif action == "no_show":
                booking_mark_no_show(booking=booking, actor=request.user)
                messages.success(request, _("%(family)s is marked as a no-show.") % {
                    "family": booking.family})
            elif action == "lot":
                require(request.user, "families.log_lots")
                form = LotForm(request.POST, prefix=f"lot-{booking.pk}")
                if not form.is_valid():
                    self.lot_forms[booking.pk] = form
                    messages.error(request, _("The lot was not logged. Please correct the "
                                              "errors below."))
                    return self.render_to_response(self.get_context_data(), status=400)
                data = form.cleaned_data
                try:
                    lot = lot_log(booking=booking, actor=request.user,
                                  description=data["product"],
                                  quantity=data["quantity"], unit=data["unit"],
                                  lot_code=data["lot_code"], quality=data["quality"],
                                  quality_note=data["quality_note"])
                except DomainError as exc:
                    add_errors(form, exc)
                    self.lot_forms[booking.pk] = form
                    messages.error(request, _("The lot was not logged. Please correct the "
                                              "errors below."))
                    return self.render_to_response(self.get_context_data(), status=400)
                messages.success(request, _("Lot %(code)s was logged and signed off.") % {
                    "code": lot.lot_code})
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bookings = list(sheet_bookings(self.shift))
        may_log = self.request.user.has_perm("families.log_lots")
        for booking in bookings:
            booking.shift = self.shift
            if booking.status == ShiftBooking.Status.CHECKED_IN and may_log:
                booking.lot_form = self.lot_forms.get(booking.pk) or LotForm(
                    prefix=f"lot-{booking.pk}", initial={
                        "unit": self.shift.line.output_unit,
                        "product": booking.family.trade_detail
                        or booking.family.get_trade_display(),
                        "lot_code": lot_code_suggestion(booking, len(booking.lots.all())),
                    })
        context.update({
            "shift": self.shift, "bookings": bookings, "may_log": may_log,
            "checked_in": sum(1 for b in bookings
                              if b.status == ShiftBooking.Status.CHECKED_IN),
            "no_shows": sum(1 for b in bookings if b.status == ShiftBooking.Status.NO_SHOW),
            "index_url": reverse("families_admin:sheet_index") + "?day="
            + timezone.localtime(self.shift.starts_at).date().isoformat(),
        })
        return context


urlpatterns = [
    path("sheet/", SheetIndexView.as_view(), name="sheet_index"),
    path("sheet/<int:pk>/", SheetView.as_view(), name="sheet"),
]
