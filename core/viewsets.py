"""Staff screens of core in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from core.admin_views import ServiceFormMixin
from core.filters import CentreFilterSet, EnterpriseFilterSet
from core.models import Centre, Enterprise
from core.selectors import centres_with_counts, enterprises_for_staff
from core.services import ENTERPRISE_EDITABLE_FIELDS, enterprise_create, enterprise_update

USER_FIELDS = {"email", "full_name", "phone", "preferred_language", "is_superuser", "groups"}


class YuvaUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = USER_FIELDS


class YuvaUserEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = USER_FIELDS | {"is_active"}


class UserViewSet(WagtailUserViewSet):
    template_prefix = "core/admin/users/"

    def get_form_class(self, for_update=False):
        return YuvaUserEditForm if for_update else YuvaUserCreationForm


class CentreIndexView(generic.IndexView):
    export_headings = {"enterprise_count": _("Enterprises")}

    def get_base_queryset(self):
        return centres_with_counts()


class CentreViewSet(ModelViewSet):
    model = Centre
    icon = "site"
    menu_label = _("Centres")
    index_view_class = CentreIndexView
    form_fields = ["name", "slug", "kind", "programme", "region", "address", "phone", "email",
                   "latitude", "longitude", "is_active"]
    list_display = ["name", "kind", "programme", "region", "address",
                    Column("enterprise_count", label=_("Enterprises"), sort_key="enterprise_count")]
    filterset_class = CentreFilterSet
    search_fields = ["name", "address"]
    list_export = ["name", "slug", "kind", "programme", "region", "address", "phone", "email",
                   "latitude", "longitude", "is_active", "enterprise_count"]
    export_filename = "centres"
    inspect_view_enabled = True


class EnterpriseIndexView(generic.IndexView):
    export_headings = {"member_count": _("Members")}

    def get_base_queryset(self):
        return enterprises_for_staff()


class EnterpriseCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in ENTERPRISE_EDITABLE_FIELDS}
        return enterprise_create(
            actor=self.request.user, kind=self.form.cleaned_data["kind"], **data,
        )


class EnterpriseEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in ENTERPRISE_EDITABLE_FIELDS}
        # The model form has already copied the new values onto self.object, so the
        # service would see nothing changed; it works on the stored record instead.
        stored = Enterprise.objects.get(pk=self.object.pk)
        return enterprise_update(enterprise=stored, actor=self.request.user, **data)


class EnterpriseViewSet(ModelViewSet):
    model = Enterprise
    icon = "group"
    menu_label = _("Enterprises")
    index_view_class = EnterpriseIndexView
    add_view_class = EnterpriseCreateView
    edit_view_class = EnterpriseEditView
    form_fields = ["kind", *ENTERPRISE_EDITABLE_FIELDS]
    list_display = ["name", "kind", "region", "centre", "sector", "women_led", "employees",
                    Column("member_count", label=_("Members"), sort_key="member_count")]
    filterset_class = EnterpriseFilterSet
    search_fields = ["name", "description"]
    list_export = ["name", "kind", "region", "centre", "sector", "founded_on", "women_led",
                   "employees", "member_count"]
    export_filename = "enterprises"
    inspect_view_enabled = True
    # A copy would be saved by Wagtail directly, bypassing enterprise_create.
    copy_view_enabled = False


class PeopleViewSetGroup(ViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 200
    items = (CentreViewSet("centres"), EnterpriseViewSet("enterprises"))
