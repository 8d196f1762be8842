import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="programmes.tasks.decision_emails_send_task")
def decision_emails_send_task(change_ids):
    """E-mail applicants their decisions; each status change is e-mailed once, so the
    task can run again after a failure."""
    from programmes.services.decisions import decision_email_send

    sent = 0
    for change_id in change_ids:
        try:
            sent += decision_email_send(change_id=change_id)
        except Exception:
            logger.exception("decision e-mail for status change %s failed", change_id)
    return sent
