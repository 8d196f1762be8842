class DomainError(Exception):
    """A rule of the domain was broken. The message is meant for the person who
    tried, already translated, and views show it as it is."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
