"""Reads of families, by topic: families, requests, factories (lines, rules, training
prerequisites), shifts (calendar, sheet), bookings (waiting list, suspensions, lots),
reports (utilisation)."""
