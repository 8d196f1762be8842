from django.db.models import Q
from django.utils import timezone

from incubator.models import MentorAssignment


def startups_mentored_by(user, *, on=None):
    """Ids of startups `user` mentors now (open assignments): reviewers never get their
    applications (conflict of interest)."""
    on = on or timezone.localdate()
    return MentorAssignment.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on), mentor__user=user,
    ).values_list("startup_id", flat=True)
