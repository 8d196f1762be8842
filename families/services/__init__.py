"""Writes of families, by topic: families (onboarding), requests (one-stop shop),
setup (factories, lines, templates, rules, trainings), shifts (calendar, closures,
cancelling), bookings, waitlist, sheet (check-in, no-shows, suspensions, lots),
calendar (feed, reminders), notifications (the e-mail outbox)."""
