from tests.factories.core import (
    CentreFactory,
    EnterpriseFactory,
    FeedbackFactory,
    MembershipFactory,
    UserFactory,
)

__all__ = ["CentreFactory", "EnterpriseFactory", "FeedbackFactory", "MembershipFactory",
           "UserFactory"]
