"""Portal forms of business plans: creating one, its settings, one form per narrative
section, the adviser's review, and the editable forecast table.

The forecast table is not a Django form: its columns follow the number of months and
its rows the products and costs people add. FinancialsForm reads the posted table into
the data documents.finance.parse takes, and maps the model's field paths
("products.0.units.3") back to the inputs, so every message shows beside its field.
Input names are those paths, so a posted table reads back the same way.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import finance
from documents.models import BusinessPlanVersion
from documents.plan_tables import month_labels
from documents.services.business_plans import MAX_SECTION_LENGTH, MAX_TITLE_LENGTH

MONTH_CHOICES = [(n, str(n)) for n in range(finance.MIN_MONTHS, finance.MAX_MONTHS + 1)]
MONTH_INPUT_FORMATS = ["%Y-%m", "%Y-%m-%d"]


def _next_month():
    today = datetime.date.today()
    return (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class PlanSettingsForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=MAX_TITLE_LENGTH)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the PDF"), choices=settings.LANGUAGES,
    )
    start_month = forms.DateField(
        label=gettext_lazy("First month of the forecast"), widget=MonthInput,
        input_formats=MONTH_INPUT_FORMATS,
    )


class PlanCreateForm(PlanSettingsForm):
    enterprise = forms.ModelChoiceField(label=gettext_lazy("Enterprise"), queryset=None,
                                        empty_label=None)
    months = forms.TypedChoiceField(
        label=gettext_lazy("Months in the forecast"), choices=MONTH_CHOICES, coerce=int,
        initial=finance.MIN_MONTHS,
    )
    field_order = ["enterprise", "title", "language", "start_month", "months"]

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["start_month"].initial = _next_month()


class SectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text"), required=False, max_length=MAX_SECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), widget=forms.RadioSelect,
        choices=[
            (BusinessPlanVersion.Decision.APPROVED, gettext_lazy("Approve the plan")),
            (BusinessPlanVersion.Decision.CHANGES_REQUESTED, gettext_lazy("Ask for changes")),
        ],
    )
    comments = forms.CharField(
        label=gettext_lazy("Comments for the enterprise"), required=False,
        max_length=MAX_SECTION_LENGTH, widget=forms.Textarea(attrs={"rows": 5}),
    )


# --- The forecast table ------------------------------------------------------------------

ITEM_GROUPS = ("startup_costs", "funding", "fixed_costs")
ITEM_FIELDS = {"startup_costs": ("name", "amount"), "funding": ("name", "amount", "month"),
               "fixed_costs": ("name", "amount")}
PRODUCT_FIELDS = ("name", "price", "variable_cost")
GROUPS = (*ITEM_GROUPS, "products")
ADD_ACTIONS = {f"add-{group}": group for group in GROUPS}


def _field_labels():
    return {"name": _("Name"), "amount": _("Amount"), "month": _("Month received"),
            "price": _("Price"), "variable_cost": _("Variable cost a unit")}


@dataclass
class Cell:
    name: str
    value: str
    label: str
    error: str = ""

    @property
    def id(self):
        return "f-" + self.name.replace(".", "-")


@dataclass
class RowView:
    group: str
    index: int
    cells: dict
    units: list = field(default_factory=list)
    delete: bool = False
    posted: bool = True  # on the page already (not the empty row added for typing)
    errors: list = field(default_factory=list)  # [(label, message)]

    @property
    def errors_id(self):
        return f"errors-{self.group}-{self.index}"

    @property
    def prefix(self):
        return f"{self.group}.{self.index}"


def _is_zero_or_blank(value):
    text = str(value or "").strip().replace(",", ".")
    if not text:
        return True
    try:
        return Decimal(text) == 0
    except InvalidOperation:
        return False


def _money_text(value):
    """A stored amount as the input shows it: 8.5 → "8.50"."""
    try:
        return format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
    except (InvalidOperation, ValueError):
        return str(value)


class FinancialsForm:
    """The forecast table: bound to request.POST, or unbound on stored financials."""

    def __init__(self, *, data=None, initial=None, start_month, add=None):
        self.start_month = start_month
        self.is_bound = data is not None
        self.errors = {}
        self.model = None
        if self.is_bound:
            self.raw = self._read_post(data)
        else:
            self.raw = self._read_stored(initial or {})
        self.add = add

    # Reading ------------------------------------------------------------------------

    @staticmethod
    def _posted_rows(post, group, fields):
        rows = []
        for index in range(finance.MAX_ROWS * 2):
            prefix = f"{group}.{index}"
            if not any(f"{prefix}.{name}" in post for name in fields):
                break
            row = {name: post.get(f"{prefix}.{name}", "") for name in fields}
            row["delete"] = bool(post.get(f"{prefix}.delete"))
            if group == "products":
                units = []
                while f"{prefix}.units.{len(units)}" in post and len(units) < 100:
                    units.append(post.get(f"{prefix}.units.{len(units)}", ""))
                row["units"] = units
            rows.append(row)
        return rows

    def _read_post(self, post):
        raw = {"months": post.get("months", ""), "opening_cash": post.get("opening_cash", "")}
        for group in ITEM_GROUPS:
            raw[group] = self._posted_rows(post, group, ITEM_FIELDS[group])
        raw["products"] = self._posted_rows(post, "products", PRODUCT_FIELDS)
        return raw

    def _read_stored(self, stored):
        raw = {"months": str(stored.get("months") or finance.MIN_MONTHS),
               "opening_cash": _money_text(stored.get("opening_cash") or "0")}
        for group in ITEM_GROUPS:
            raw[group] = [
                {"name": item.get("name", ""), "amount": _money_text(item.get("amount", "0")),
                 **({"month": str(item.get("month", 1))} if group == "funding" else {}),
                 "delete": False}
                for item in stored.get(group) or []
            ]
        raw["products"] = [
            {"name": p.get("name", ""), "price": _money_text(p.get("price", "0")),
             "variable_cost": _money_text(p.get("variable_cost", "0")),
             "units": [str(u) for u in p.get("units") or []], "delete": False}
            for p in stored.get("products") or []
        ]
        return raw

    @property
    def months(self):
        """The number of months as posted, when it is one the model accepts."""
        try:
            months = int(str(self.raw["months"]).strip())
        except ValueError:
            return None
        return months if finance.MIN_MONTHS <= months <= finance.MAX_MONTHS else None

    @staticmethod
    def _is_blank(group, row):
        if row["name"].strip():
            return False
        numbers = [row[name] for name in (PRODUCT_FIELDS if group == "products"
                                          else ITEM_FIELDS[group]) if name not in
                   {"name", "month"}]
        numbers += row.get("units", [])
        return all(_is_zero_or_blank(value) for value in numbers)

    def _kept(self, group):
        """(posted index, row) of the rows that count: not blank, not marked removed."""
        return [(index, row) for index, row in enumerate(self.raw[group])
                if not row["delete"] and not self._is_blank(group, row)]

    def data(self):
        """The table as documents.finance.parse takes it, and each list's posted indexes."""
        data = {"months": self.raw["months"], "opening_cash": self.raw["opening_cash"]}
        indexes = {}
        months = self.months
        for group in GROUPS:
            kept = self._kept(group)
            indexes[group] = [index for index, _row in kept]
            rows = []
            for _index, row in kept:
                values = {name: row[name] for name in row if name not in {"delete", "units"}}
                if group == "products":
                    units = row["units"]
                    # Columns beyond a shortened forecast are dropped with it.
                    values["units"] = units[:months] if months else units
                rows.append(values)
            data[group] = rows
        return data, indexes

    def is_valid(self):
        data, indexes = self.data()
        try:
            self.model = finance.parse(data)
        except finance.ModelError as exc:
            self.errors = self._posted_paths(exc.errors, indexes)
            return False
        self.errors = {}
        return True

    @staticmethod
    def _posted_paths(errors, indexes):
        posted = {}
        for path, message in errors.items():
            parts = path.split(".")
            if len(parts) >= 2 and parts[0] in indexes and parts[1].isdigit():
                parts[1] = str(indexes[parts[0]][int(parts[1])])
            posted[".".join(parts)] = message
        return posted

    # Showing ------------------------------------------------------------------------

    @property
    def columns(self):
        """How many month columns the table shows: the forecast's months when valid,
        else as many as were posted."""
        if self.months:
            return self.months
        posted = [len(row.get("units", [])) for row in self.raw["products"]]
        return min(max(posted, default=finance.MIN_MONTHS), finance.MAX_MONTHS) \
            or finance.MIN_MONTHS

    @property
    def posted_columns(self):
        return max((len(row.get("units", [])) for row in self.raw["products"]), default=None)

    def labels(self):
        return month_labels(self.start_month, self.columns)

    def _row_view(self, group, index, row, labels, names):
        field_labels = _field_labels()
        prefix = f"{group}.{index}"
        cells = {name: Cell(name=f"{prefix}.{name}", value=row.get(name, ""),
                            label=field_labels[name], error=self.errors.get(f"{prefix}.{name}", ""))
                 for name in names}
        view = RowView(group=group, index=index, cells=cells, delete=row.get("delete", False))
        if group == "products":
            units = list(row.get("units", []))[:self.columns]
            units += [""] * (self.columns - len(units))
            view.units = [Cell(name=f"{prefix}.units.{m}", value=value, label=labels[m],
                               error=self.errors.get(f"{prefix}.units.{m}", ""))
                          for m, value in enumerate(units)]
        for name in names:
            if cells[name].error:
                view.errors.append((field_labels[name], cells[name].error))
        if f"{prefix}.units" in self.errors:
            view.errors.append((_("Sales"), self.errors[f"{prefix}.units"]))
        view.errors += [(cell.label, cell.error) for cell in view.units if cell.error]
        return view

    def rows(self, group, labels=None):
        labels = labels if labels is not None else self.labels()
        names = PRODUCT_FIELDS if group == "products" else ITEM_FIELDS[group]
        rows = list(self.raw[group])
        posted = len(rows)
        blank = {name: "" for name in names}
        if group == "funding":
            blank["month"] = "1"
        # One empty row to type a new one into (two after "add a row").
        if not rows or not self._is_blank(group, rows[-1]):
            rows.append(dict(blank))
        if self.add == group:
            rows.append(dict(blank))
        views = [self._row_view(group, index, row, labels, names)
                 for index, row in enumerate(rows)]
        for view in views[posted:]:
            view.posted = False
        return views

    def table(self):
        """Everything the editor template shows."""
        labels = self.labels()
        items = {group: self.rows(group, labels) for group in ITEM_GROUPS}

        def slot(name):
            return [(None, self.errors[name])] if name in self.errors else []

        return {
            "months": Cell(name="months", value=str(self.raw["months"]),
                           label=_("Months in the forecast"),
                           error=self.errors.get("months", "")),
            "months_errors": slot("months"),
            "month_choices": [str(n) for n, _label in MONTH_CHOICES],
            "opening_cash": Cell(name="opening_cash", value=self.raw["opening_cash"],
                                 label=_("Cash at the start"),
                                 error=self.errors.get("opening_cash", "")),
            "opening_cash_errors": slot("opening_cash"),
            "labels": labels,
            "products": self.rows("products", labels),
            **items,
            "item_rows": list(items.values()),
            "group_errors": [error for group in GROUPS for error in slot(group)],
            "max_month": self.columns,
        }
