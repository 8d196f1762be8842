"""Jobs of families. Each takes ids (or nothing), is idempotent, and calls a service."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="families.tasks.notification_send_task")
def notification_send_task(notification_id):
    from families.services.notifications import notification_send

    notification_send(notification_id=notification_id)


@shared_task(name="families.tasks.notifications_requeue_stale")
def notifications_requeue_stale():
    from families.services.notifications import notifications_requeue_stale as sweep

    sweep()


@shared_task(name="families.tasks.shifts_generate")
def shifts_generate():
    from families.services.shifts import shifts_generate as generate

    created = generate()
    logger.info("families: %s shifts generated", created)


@shared_task(name="families.tasks.waitlist_offers_expire")
def waitlist_offers_expire():
    from families.services.waitlist import waitlist_offers_expire as expire

    expire()


@shared_task(name="families.tasks.booking_reminders_send")
def booking_reminders_send():
    from families.services.calendar import booking_reminders_send as send

    send()


# --- fam-retail ---
@shared_task(name="families.tasks.contracts_expire")
def contracts_expire():
    from families.services.retail import contracts_expire as expire

    logger.info("families: %s retail contracts expired", expire())


@shared_task(name="families.tasks.contract_expiry_alerts_send")
def contract_expiry_alerts_send():
    from families.services.retail import contract_expiry_alerts_send as send

    logger.info("families: %s contract expiry alerts", send())


# --- fam-products ---
@shared_task(name="families.tasks.compliance_warnings_send")
def compliance_warnings_send():
    from families.services.products import compliance_warnings_send as send

    logger.info("families: %s compliance expiry warnings", send())


# --- fam-sales ---
@shared_task(name="families.tasks.sales_import_check_task")
def sales_import_check_task(sales_import_id):
    from families.services.sales import sales_import_check

    sales_import_check(sales_import_id=sales_import_id)


@shared_task(name="families.tasks.sales_import_commit_task")
def sales_import_commit_task(sales_import_id):
    from families.services.sales import sales_import_commit

    sales_import_commit(sales_import_id=sales_import_id)


@shared_task(name="families.tasks.statements_issue_monthly")
def statements_issue_monthly():
    from families.services.statements import statements_issue_monthly as issue

    issued = issue()
    logger.info("families: %s statements issued", issued)


@shared_task(name="families.tasks.statement_email_task")
def statement_email_task(statement_id):
    from families.services.statements import statement_email

    statement_email(statement_id=statement_id)
