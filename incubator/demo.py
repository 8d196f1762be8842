"""The incubator's demo data for `manage.py seed_demo` (through core.demo.SEED_HOOK):
startup profiles for core's demo startups, three of core's demo people as mentors
(mentor@yuva.test among them) with office hours next week and past sessions,
assignments, and some months of impact reports. Keyed on stable things (enterprise,
e-mail, month), so a second run adds nothing, except next week's slots when a new week
has begun."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.demo import DEMO_ACTOR, demo_user
from core.models import Enterprise, Feedback
from incubator.models import (
    ImpactReport,
    Mentor,
    MentorAssignment,
    MentoringSession,
    OfficeHourSlot,
    SlotBooking,
    Startup,
)
from incubator.months import add_months, last_month
from incubator.services import (
    assignment_create,
    booking_create,
    impact_report_file,
    mentor_create,
    session_create,
    session_rate,
    slot_publish,
    startup_profile_create,
)

S = Startup.Stage


@dataclass(frozen=True)
class ProfileRow:
    name: str
    stage: str
    technology: str
    website: str
    pitch: str
    team_size: int
    capital_raised: str
    public_profile: bool
    revenue: int  # last month's revenue in ₼; earlier months shrink by 8 % a month
    users: int


PROFILES = (
    ProfileRow("PulQabı", S.REVENUE, "Android, Django, QR ödəniş", "https://pulqabi.yuva.test",
               "Bazar satıcıları telefonla QR ödəniş qəbul edir, axşam kassa hesabatını alır.",
               6, "85000", True, 14200, 1850),
    ProfileRow("Tarla Sensor", S.MVP, "LoRaWAN sensorları, Python", "https://tarla.yuva.test",
               "Fındıq bağında torpaq nəmliyi düşəndə fermerə SMS gəlir.", 4, "20000", True,
               2300, 140),
    ProfileRow("ÜzümLab", S.MVP, "Dron şəkilləri, kompüter görməsi", "",
               "Üzüm xəstəliklərini yarpaq şəkillərindən bir həftə tez tapırıq.", 5, "35000",
               False, 900, 35),
    ProfileRow("Dərsim", S.SCALE, "Oflayn mobil tətbiq, Kotlin", "https://dersim.yuva.test",
               "İnternetsiz işləyən riyaziyyat dərsləri 40 kənd məktəbində.", 9, "240000", True,
               31500, 12400),
    ProfileRow("Karvan Yolu", S.IDEA, "Veb rezervasiya", "",
               "Şəki və Qax qonaq evləri bir saytda, ekskursiya ilə birlikdə.", 3, "0", False,
               0, 0),
    ProfileRow("MedNövbə", S.REVENUE, "SMS şlüzü, React", "https://mednovbe.yuva.test",
               "Poliklinikada növbəni telefondan götürün, qəbul vaxtı SMS ilə xatırladılır.",
               7, "120000", True, 9800, 5200),
    ProfileRow("GünəşEv", S.IDEA, "Günəş panelləri, icarə modeli", "",
               "Kənd evlərinə aylıq icarə ilə günəş paneli.", 2, "5000", False, 400, 12),
)


@dataclass(frozen=True)
class MentorRow:
    email: str
    location: str
    city: str
    expertise: tuple
    languages: tuple
    bio: str
    capacity: int
    startups: tuple  # names of the startups assigned


# Existing demo people (core.demo), so the demo adds no accounts of its own: the mentor
# login, a PulQabı co-founder who lives abroad, and a Balakan hazelnut grower.
MENTORS = (
    MentorRow("mentor@yuva.test", Mentor.Location.BAKU, "Bakı",
              ("fintech", "product", "fundraising"), ("az", "ru", "en"),
              "Two payment startups behind him; now helps founders with product and their "
              "first investors.", 6, ("PulQabı", "Dərsim")),
    MentorRow("leyla.nasirova@yuva.test", Mentor.Location.ABROAD, "London",
              ("health", "B2B sales", "go-to-market"), ("az", "en"),
              "Sells health software to hospitals in the UK; mentors from the diaspora.", 4,
              ("MedNövbə", "GünəşEv")),
    MentorRow("elnur.mirzayev@yuva.test", Mentor.Location.REGIONS, "Balakən",
              ("agritech", "export", "operations"), ("az", "ru"),
              "Grows and exports hazelnuts in Balakan; knows orchards and their farmers.", 3,
              ("Tarla Sensor", "ÜzümLab", "Karvan Yolu")),
)
SESSION_NOTES = (
    "Agreed: talk to ten more stall keepers before building the loyalty feature.",
    "Pricing: try a flat monthly fee; prepare a one-page summary for investors.",
)


@dataclass
class Created:
    profiles: int = 0
    mentors: int = 0
    assignments: int = 0
    slots: int = 0
    sessions: int = 0
    bookings: int = 0
    reports: int = 0

    def __str__(self):
        return (f"{self.profiles} startup profiles, {self.mentors} mentors, "
                f"{self.assignments} assignments, {self.slots} slots, {self.bookings} "
                f"bookings, {self.sessions} sessions, {self.reports} impact reports")


def _at(day, hour, minute=0):
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def seed(*, size="small"):
    created = Created()
    with transaction.atomic():
        actor = demo_user(DEMO_ACTOR)
        startups = _seed_profiles(created, actor=actor)
        mentors = _seed_mentors(created, actor=actor)
        _seed_assignments(created, actor=actor, mentors=mentors, startups=startups)
        _seed_slots(created, mentor=mentors["mentor@yuva.test"])
        _seed_sessions(created, actor=actor, mentors=mentors, startups=startups)
        _seed_reports(created, startups=startups)
        if size == "large":
            _seed_large(created)
    return created


def _seed_profiles(created, *, actor):
    enterprises = {e.name: e for e in Enterprise.objects.filter(
        kind=Enterprise.Kind.STARTUP, name__in=[row.name for row in PROFILES],
    ).select_related("startup")}
    startups = {}
    for row in PROFILES:
        enterprise = enterprises.get(row.name)
        if enterprise is None:
            continue
        startup = getattr(enterprise, "startup", None)
        if startup is None:
            startup = startup_profile_create(
                enterprise=enterprise, actor=actor, stage=row.stage, technology=row.technology,
                website=row.website, pitch=row.pitch, team_size=row.team_size,
                capital_raised=Decimal(row.capital_raised), public_profile=row.public_profile,
            )
            created.profiles += 1
        startups[row.name] = startup
    return startups


def _seed_mentors(created, *, actor):
    mentors = {}
    for row in MENTORS:
        user = demo_user(row.email)
        mentor = Mentor.objects.filter(user=user).first()
        if mentor is None:
            mentor = mentor_create(
                user=user, actor=actor, expertise=list(row.expertise),
                languages=list(row.languages), bio=row.bio, location=row.location,
                city=row.city, capacity_per_month=row.capacity,
            )
            created.mentors += 1
        mentors[row.email] = mentor
    return mentors


def _seed_assignments(created, *, actor, mentors, startups):
    started_on = add_months(last_month(), -4)
    for row in MENTORS:
        mentor = mentors[row.email]
        for name in row.startups:
            startup = startups.get(name)
            if startup is None or MentorAssignment.objects.filter(
                    mentor=mentor, startup=startup, ended_on__isnull=True).exists():
                continue
            assignment_create(mentor=mentor, startup=startup, actor=actor, started_on=started_on)
            created.assignments += 1


def _seed_slots(created, *, mentor):
    """Office hours next week: Monday to Friday, online mornings and in-person afternoons."""
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    wanted = []
    for offset in range(5):
        day = monday + datetime.timedelta(days=offset)
        wanted.append((_at(day, 10), 45, OfficeHourSlot.Mode.ONLINE, "",
                       "https://meet.yuva.test/elvin-aliyev"))
        if offset in (1, 3):
            wanted.append((_at(day, 15), 60, OfficeHourSlot.Mode.IN_PERSON,
                           "INNOLAND Bakı, 3-cü mərtəbə, görüş otağı 2", ""))
    have = set(OfficeHourSlot.objects.filter(
        mentor=mentor, starts_at__in=[w[0] for w in wanted]).values_list("starts_at", flat=True))
    for starts_at, minutes, mode, place, link in wanted:
        if starts_at in have:
            continue
        slot_publish(mentor=mentor, actor=mentor.user, starts_at=starts_at,
                     duration_minutes=minutes, mode=mode, place=place, link=link)
        created.slots += 1


def _seed_sessions(created, *, actor, mentors, startups):
    """Past sessions of each mentor with their startups; the founder booked one of next
    week's slots and rated a past session."""
    for row in MENTORS:
        mentor = mentors[row.email]
        for index, name in enumerate(row.startups):
            startup = startups.get(name)
            if startup is None or MentoringSession.objects.filter(
                    mentor=mentor, startup=startup, starts_at__lt=timezone.now()).exists():
                continue
            for weeks_ago, note in zip((6, 2), SESSION_NOTES, strict=True):
                day = timezone.localdate() - datetime.timedelta(weeks=weeks_ago, days=index)
                session_create(mentor=mentor, startup=startup, starts_at=_at(day, 11),
                               duration_minutes=60, actor=actor, notes_for_startup=note,
                               staff_notes="Engaged team; follow up in a month.")
                created.sessions += 1
    founder = demo_user("founder@yuva.test")
    pulqabi = startups.get("PulQabı")
    elvin = mentors["mentor@yuva.test"]
    if pulqabi is None:
        return
    latest = (MentoringSession.objects.filter(mentor=elvin, startup=pulqabi,
                                              starts_at__lt=timezone.now())
              .order_by("-starts_at").first())
    rated = Feedback.objects.filter(author=founder, service=Feedback.Service.MENTORING,
                                    subject_id=getattr(latest, "pk", None)).exists()
    if latest is not None and not rated:
        session_rate(session=latest, user=founder, rating=5,
                     comment="Çox faydalı oldu, investor təqdimatını yenidən yazdıq.")
    has_booking = SlotBooking.objects.filter(
        startup=pulqabi, status=SlotBooking.Status.ACTIVE, slot__starts_at__gt=timezone.now(),
    ).exists()
    slot = (OfficeHourSlot.objects.filter(mentor=elvin, status=OfficeHourSlot.Status.OPEN,
                                          starts_at__gt=timezone.now())
            .order_by("starts_at").first())
    if not has_booking and slot is not None:
        booking_create(slot=slot, startup=pulqabi, founder=founder, actor=founder,
                       topic="Investor təqdimatı: ikinci versiyaya baxmaq.")
        created.bookings += 1


def _seed_reports(created, *, startups):
    """Six months of figures for each demo startup; PulQabı's last month is left
    unfiled, so the demo founder sees the reminder on the portal home."""
    for row in PROFILES:
        startup = startups.get(row.name)
        if startup is None or not row.revenue:
            continue
        owner = startup.enterprise.memberships.filter(role="owner").select_related("user").first()
        months = range(6) if row.name != "PulQabı" else range(1, 6)
        for back in months:
            month = add_months(last_month(), -back)
            if ImpactReport.objects.filter(enterprise=startup.enterprise, month=month).exists():
                continue
            factor = Decimal("0.92") ** back
            impact_report_file(
                startup=startup, actor=owner.user if owner else None, month=month,
                revenue=(Decimal(row.revenue) * factor).quantize(Decimal("1")),
                users=int(row.users * factor), employees=row.team_size - (1 if back > 3 else 0),
                capital_raised=Decimal("15000") if back == 3 and row.stage != S.IDEA else 0,
            )
            created.reports += 1


def _seed_large(created):
    """Benchmark-scale: a profile for every startup enterprise without one, in bulk."""
    stages = list(Startup.Stage.values)
    missing = list(Enterprise.objects.filter(kind=Enterprise.Kind.STARTUP, startup__isnull=True)
                   .order_by("pk").values_list("pk", flat=True))
    Startup.objects.bulk_create([
        Startup(enterprise_id=pk, stage=stages[i % len(stages)], team_size=1 + i % 12,
                capital_raised=Decimal(1000 * (i % 50)), public_profile=i % 3 == 0)
        for i, pk in enumerate(missing)
    ], batch_size=500)
    created.profiles += len(missing)
