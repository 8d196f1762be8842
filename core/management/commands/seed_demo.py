"""`manage.py seed_demo`: load the demo (idempotent), then print the demo logins.
The data and the loading live in core/demo.py; other apps add theirs through the
core.demo.SEED_HOOK Wagtail hook."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

from core import demo


class Command(BaseCommand):
    help = (
        "Load Yuva's demo data: centres, enterprises with members, one login per role. "
        "Running it again creates nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", choices=demo.SIZES, default="small",
            help="'large' adds benchmark-scale data (500 startups and 500 family "
                 "businesses with members).",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="Run even with DEBUG off (the demo password is public).",
        )
        parser.add_argument(
            "--reset-passwords", action="store_true",
            help="Set every demo person's password back to the demo password.",
        )
        parser.add_argument(
            "--print-logins-only", action="store_true",
            help="Only print the demo logins table; change nothing.",
        )

    def handle(self, *args, size, force, reset_passwords, print_logins_only, **options):
        if print_logins_only:
            self.stdout.write(demo.logins_table())
            return
        if not settings.DEBUG and not force:
            raise CommandError(demo.REFUSE_MESSAGE)
        started = time.monotonic()
        created = demo.seed(size=size, reset_passwords=reset_passwords)
        self.stdout.write(f"core: created {created}.")
        for seed_app in hooks.get_hooks(demo.SEED_HOOK):
            seed_app(self.stdout, size)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ({size}) is in place ({time.monotonic() - started:.1f} s)."
        ))
        self.stdout.write(demo.logins_table())
