from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from core.models import User


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mails go out in the recipient's preferred language when we know it."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.preferred_language if user else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
