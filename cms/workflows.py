"""The moderation workflow for news: an article is approved by the "News editors" group
before it goes live. Idempotent, so seed_demo (and an operator) can run it again."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

NEWS_EDITORS = "News editors"
NEWS_WORKFLOW = "News moderation"
NEWS_TASK = "Approval by the news editors"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


@transaction.atomic
def news_moderation_ensure(*, news_indexes):
    """The group, its rights on the news indexes, the task and the workflow, assigned
    to every index given. Returns the workflow."""
    group, _created = Group.objects.get_or_create(name=NEWS_EDITORS)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                 codename="access_admin"))
    task, _created = GroupApprovalTask.objects.get_or_create(name=NEWS_TASK)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=NEWS_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task,
                                       defaults={"sort_order": 0})
    permissions = Permission.objects.filter(content_type__app_label="wagtailcore",
                                            codename__in=PAGE_PERMISSIONS)
    for index in news_indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=index,
                                                      permission=permission)
    return workflow
