"""Sales reports a chain sends (imported rows, all or nothing; a report imported again
replaces the earlier one) and the monthly statement of each family."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.models.document import private_storage


def sales_upload_to(instance, filename):
    return f"sales/{instance.chain_id}/{filename}"


class SalesImport(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked, waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        REPLACED = "replaced", _("Replaced by a newer import")
        DISCARDED = "discarded", _("Discarded")
        FAILED = "failed", _("Failed")

    chain = models.ForeignKey("families.RetailChain", verbose_name=_("chain"),
                              on_delete=models.PROTECT, related_name="sales_imports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=sales_upload_to,
                            max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.UPLOADED)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with problems"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    replaces = models.ForeignKey("self", verbose_name=_("replaces"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="replaced_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        verbose_name = _("sales import")
        verbose_name_plural = _("sales imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="families_sales_import_period_ordered"),
            # one imported report per chain and period: importing again replaces it
            models.UniqueConstraint(fields=["chain", "period_start", "period_end"],
                                    condition=models.Q(status="imported"),
                                    name="families_sales_import_one_per_period"),
        ]

    def __str__(self):
        return f"{self.chain_id} {self.period_start}–{self.period_end}"


class SalesRecord(models.Model):
    """One row of an imported report: what a store sold of a product on a day (or in
    the report's period), and the stock it says it holds."""

    sales_import = models.ForeignKey(SalesImport, verbose_name=_("import"),
                                     on_delete=models.CASCADE, related_name="records")
    chain = models.ForeignKey("families.RetailChain", verbose_name=_("chain"),
                              on_delete=models.PROTECT, related_name="+")
    store = models.ForeignKey("families.Store", verbose_name=_("store"),
                              on_delete=models.PROTECT, related_name="sales")
    product = models.ForeignKey("families.Product", verbose_name=_("product"),
                                on_delete=models.PROTECT, related_name="sales")
    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="sales")
    contract_item = models.ForeignKey("families.ContractItem", verbose_name=_("listed product"),
                                      on_delete=models.PROTECT, related_name="sales")
    sold_on = models.DateField(_("date"))
    units = models.DecimalField(_("units sold"), max_digits=12, decimal_places=3)
    value = models.DecimalField(_("sales value (₼)"), max_digits=14, decimal_places=2)
    stock_on_hand = models.DecimalField(_("stock on hand"), max_digits=12, decimal_places=3,
                                        null=True, blank=True)
    row_number = models.PositiveIntegerField(_("row"))

    class Meta:
        verbose_name = _("sales record")
        verbose_name_plural = _("sales records")
        constraints = [
            models.CheckConstraint(condition=models.Q(units__gte=0),
                                   name="families_sales_units_not_negative"),
            models.UniqueConstraint(fields=["sales_import", "store", "product", "sold_on"],
                                    name="families_sales_unique_row"),
        ]
        indexes = [
            models.Index(fields=["family", "sold_on"]),
            models.Index(fields=["chain", "sold_on"]),
            models.Index(fields=["store", "product", "sold_on"]),
            models.Index(fields=["sold_on"]),
        ]

    def __str__(self):
        return f"{self.store_id}/{self.product_id} {self.sold_on}"


class FamilyStatement(models.Model):
    """What a family sold in a month, through which chains, and what it is owed. Kept
    once issued; issuing again for the month makes a new version of the figures."""

    class Status(models.TextChoices):
        READY = "ready", _("Ready")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="statements")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.READY)
    units = models.DecimalField(_("units sold"), max_digits=14, decimal_places=3, default=0)
    value = models.DecimalField(_("sales value (₼)"), max_digits=14, decimal_places=2,
                                default=0)
    margin = models.DecimalField(_("chains' margin (₼)"), max_digits=14, decimal_places=2,
                                 default=0)
    owed = models.DecimalField(_("owed to the family (₼)"), max_digits=14, decimal_places=2,
                               default=0)
    document = models.ForeignKey("documents.Document", verbose_name=_("PDF"),
                                 on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("family statement")
        verbose_name_plural = _("family statements")
        ordering = ["-month", "family"]
        constraints = [
            models.UniqueConstraint(fields=["family", "month"],
                                    name="families_statement_one_per_month"),
        ]

    def __str__(self):
        return f"{self.family_id} {self.month:%Y-%m}"


class StatementLine(models.Model):
    statement = models.ForeignKey(FamilyStatement, verbose_name=_("statement"),
                                  on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("families.Product", verbose_name=_("product"),
                                on_delete=models.PROTECT, related_name="+")
    chain = models.ForeignKey("families.RetailChain", verbose_name=_("chain"),
                              on_delete=models.PROTECT, related_name="+")
    units = models.DecimalField(_("units sold"), max_digits=14, decimal_places=3)
    value = models.DecimalField(_("sales value (₼)"), max_digits=14, decimal_places=2)
    margin_percent = models.DecimalField(_("chain margin (%)"), max_digits=5, decimal_places=2)
    margin = models.DecimalField(_("chain's margin (₼)"), max_digits=14, decimal_places=2)
    owed = models.DecimalField(_("owed (₼)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "chain", "product"]

    def __str__(self):
        return f"{self.statement} {self.product_id}"
