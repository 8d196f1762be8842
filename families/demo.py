"""The families demo for `manage.py seed_demo` (core.demo.SEED_HOOK): ABAD families
across the regions in every stage, two open applications, advisers' service requests,
the Guba factory and the Balakan centre with lines, rules and shift templates, shifts
from three weeks ago to four weeks ahead with bookings, check-ins, no-shows, a
suspension, a full shift with a waiting list, and production lots.

Everything goes through the services, with `now` set to when it would have happened
(a booking two days before its shift, a check-in at its start), so the rules hold as
they would have. Keyed on stable values (slugs, e-mails, names, lot codes), so a second
run creates nothing already there. Facts the demo guarantees:
the demo family (family@yuva.test) has its trainings for the jam and dried-fruit lines
(not the carpet loom: that line shows the missing training), upcoming shifts, free
quota to book, and a production history; the demo technician has today's shift sheet
with families booked; the demo adviser has a queue with an overdue request."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import audit_log
from core.demo import DEMO_ACTOR, demo_user
from core.errors import DomainError
from core.models import Centre, Enterprise
from families.models import (
    Closure,
    Factory,
    Family,
    FamilyApplication,
    HouseholdMember,
    ProductionLine,
    ProductionLot,
    ServiceRequest,
    Shift,
    ShiftBooking,
    Training,
    TrainingRecord,
    WaitlistEntry,
    trade_kind_of,
)
from families.services import setup
from families.services.bookings import booking_create
from families.services.families import application_submit
from families.services.requests import (
    service_message_post,
    service_request_close,
    service_request_open,
    service_request_rate,
    service_request_set_status,
)
from families.services.sheet import booking_check_in, booking_mark_no_show, lot_log
from families.services.shifts import (
    closure_save,
    shift_assign_technician,
    shift_create,
    shifts_generate,
)
from families.services.waitlist import waitlist_join
from families.timeutil import at

TECHNICIAN = "technician@yuva.test"
ADVISER = "adviser@yuva.test"
DEMO_FAMILY = "Quba Mürəbbə Evi"
H = datetime.time


@dataclass
class Created:
    families: int = 0
    shifts: int = 0
    bookings: int = 0
    lots: int = 0
    requests: int = 0

    def __str__(self):
        return (f"created {self.families} families, {self.shifts} shifts, {self.bookings} "
                f"bookings, {self.lots} lots, {self.requests} service requests")


TRAININGS = (
    ("food-hygiene", "Qida gigiyenası və təhlükəsizliyi",
     "HACCP principles, clean work, allergens: required on every food line."),
    ("jam-line", "Mürəbbə xəttinin istifadəsi", "The cooking kettles, filling and capping."),
    ("dairy-line", "Süd emalı gigiyenası", "Pasteurisation and the cheese vats."),
    ("loom-basics", "Toxucu dəzgahı ilə iş", "Setting up and working the looms safely."),
    ("woodwork-safety", "Dülgər dəzgahlarında təhlükəsizlik", "Saws, lathes and dust."),
)

# slug, factory, name, workstations, unit, trainings, equipment, templates, technician?
LINES = (
    ("guba-jam", "guba", "Mürəbbə və konserv xətti", 6, "jar", ("food-hygiene", "jam-line"),
     "4 buxar qazanı (100 l), doldurma və qapaqlama maşını, pasterizator",
     (((0, 1, 2, 3, 4), H(8), H(13)), ((0, 1, 2, 3, 4), H(14), H(19))), True),
    ("guba-dried-fruit", "guba", "Meyvə qurutma xətti", 4, "kg", ("food-hygiene",),
     "2 qurutma kamerası, dilimləmə maşını, vakuum qablaşdırma",
     (((0, 1, 2, 3, 4, 5), H(9), H(14)),), True),
    ("guba-carpets", "guba", "Xalça toxuma emalatxanası", 5, "m2", ("loom-basics",),
     "5 şaquli toxucu dəzgahı, yun boyama qazanı",
     (((0, 1, 2, 3, 4), H(9), H(17)),), True),
    ("balakan-hazelnut", "balakan", "Fındıq qovurma xətti", 4, "kg", ("food-hygiene",),
     "Qovurma barabanı, soyuducu, ləpə ayırıcı, fındıq pastası dəyirmanı",
     (((0, 1, 2, 3, 4), H(8), H(13)),), False),
    ("balakan-dairy", "balakan", "Süd emalı sexi", 4, "kg", ("food-hygiene", "dairy-line"),
     "Pasterizator (200 l), pendir çənləri, pres, soyuducu kamera",
     (((1, 3, 5), H(7), H(12)),), False),
    ("balakan-woodwork", "balakan", "Dülgərlik emalatxanası", 3, "pcs", ("woodwork-safety",),
     "Dairəvi mişar, torna dəzgahı, frezer, toz sorucu",
     (((0, 2, 4), H(10), H(16)),), False),
)

# enterprise name, trade, detail, settlement, stage
FAMILIES = (
    (DEMO_FAMILY, "jam", "Alma, heyva və zoğal mürəbbəsi", "Qırmızı Qəsəbə", "producing"),
    ("Qafarovların Şəki Pendiri", "dairy", "Motal və şor pendiri", "Kiş", "selling"),
    ("Quba Xalçası", "carpets", "Qımıl və Pirəbədil xalçaları", "Qımıl", "graduated"),
    ("Balakən Fındığı", "dried_fruit", "Qovrulmuş fındıq və fındıq pastası", "Qabaqçöl",
     "producing"),
    ("Lənkəran Çay Bağı", "tea", "Qara və yaşıl çay", "Haftoni", "selling"),
    ("Zaqatala Dağ Balı", "honey", "Dağ çiçək balı", "Car", "onboarding"),
    ("Qusar Yun Corabları", "knitting", "Ləzgi naxışlı corablar", "Həzrə", "applied"),
)

HOUSEHOLD = {
    DEMO_FAMILY: (("Günel Quliyeva", "head", 1984, "female", "Mürəbbə bişirir, satış",
                   "family@yuva.test"),
                  ("Elşən Quliyev", "spouse", 1981, "male", "Meyvə tədarükü",
                   "elshan.quliyev@yuva.test"),
                  ("Aysu Quliyeva", "child", 2006, "female", "Etiketləmə", "")),
    "Qafarovların Şəki Pendiri": (("Rəna Qafarova", "head", 1976, "female", "Pendirçi",
                                   "rana.qafarova@yuva.test"),
                                  ("Tofiq Qafarov", "spouse", 1972, "male", "Süd toplanışı",
                                   "tofiq.qafarov@yuva.test")),
    "Quba Xalçası": (("Zülfiyyə Həbibullayeva", "head", 1969, "female", "Baş toxucu",
                      "zulfiyya.habibullayeva@yuva.test"),
                     ("Kənan Həbibullayev", "child", 1995, "male", "Satış, internet",
                      "kanan.habibullayev@yuva.test")),
    "Balakən Fındığı": (("Elnur Mirzəyev", "head", 1980, "male", "Qovurma",
                         "elnur.mirzayev@yuva.test"),
                        ("Samirə Mirzəyeva", "spouse", 1983, "female", "Qablaşdırma",
                         "samira.mirzayeva@yuva.test")),
    "Lənkəran Çay Bağı": (("Vüsal Paşayev", "head", 1975, "male", "Çay bağı",
                           "vusal.pashayev@yuva.test"),
                          ("Lalə Paşayeva", "spouse", 1978, "female", "Qablaşdırma, satış",
                           "lala.pashayeva@yuva.test")),
    "Zaqatala Dağ Balı": (("Şəbnəm Babayeva", "head", 1987, "female", "Arıçı",
                           "shabnam.babayeva@yuva.test"),),
    "Qusar Yun Corabları": (("Gülnar Musayeva", "head", 1979, "female", "Toxuyur",
                             "gulnar.musayeva@yuva.test"),
                            ("Ruslan Musayev", "child", 2001, "male", "Yun hazırlığı",
                             "ruslan.musayev@yuva.test")),
}

# Who holds which training (staff records).
RECORDS = (
    ("family@yuva.test", ("food-hygiene", "jam-line")),
    ("elshan.quliyev@yuva.test", ("food-hygiene",)),
    ("rana.qafarova@yuva.test", ("food-hygiene", "dairy-line")),
    ("tofiq.qafarov@yuva.test", ("food-hygiene", "dairy-line")),
    ("zulfiyya.habibullayeva@yuva.test", ("loom-basics",)),
    ("kanan.habibullayev@yuva.test", ("loom-basics", "woodwork-safety", "food-hygiene")),
    ("elnur.mirzayev@yuva.test", ("food-hygiene",)),
    ("samira.mirzayeva@yuva.test", ("food-hygiene", "jam-line")),
    ("vusal.pashayev@yuva.test", ("food-hygiene", "jam-line")),
    ("lala.pashayeva@yuva.test", ("food-hygiene", "dairy-line")),
    ("shabnam.babayeva@yuva.test", ("food-hygiene",)),
    ("gulnar.musayeva@yuva.test", ("loom-basics",)),
)


def seed(*, size="small"):
    created = Created()
    actor = demo_user(DEMO_ACTOR)
    technician = demo_user(TECHNICIAN)
    adviser = demo_user(ADVISER)
    today = timezone.localdate()
    with transaction.atomic():
        trainings = _trainings(actor)
        factories = _factories(actor)
        lines = _lines(actor, factories, trainings, technician)
        _closures(actor, factories, lines, today)
        families = _families(created, actor, adviser)
        _records(actor, trainings, today)
    created.shifts += shifts_generate(today=today - datetime.timedelta(days=21), weeks=8)
    created.shifts += _todays_shifts(actor, lines, technician, today)
    _assign_some(actor, lines, technician, today)
    _bookings(created, families, lines, technician, today)
    _applications()
    _requests(created, families, adviser, today)
    if size == "large":
        _large_families(created, adviser)
    return created


def _trainings(actor):
    have = {t.code: t for t in Training.objects.filter(code__in=[r[0] for r in TRAININGS])}
    for code, name, description in TRAININGS:
        if code not in have:
            have[code] = setup.training_save(actor=actor, code=code, name=name,
                                             description=description)
    return have


def _factories(actor):
    centres = {c.slug: c for c in Centre.objects.filter(
        slug__in=["abad-guba-factory", "abad-balakan"])}
    rows = (("guba", "abad-guba-factory", "ABAD Quba fabriki",
             "Mürəbbə, qurudulmuş meyvə və xalça üçün təchiz olunmuş istehsal sahəsi."),
            ("balakan", "abad-balakan", "ABAD Balakən regional mərkəzi",
             "Fındıq, süd məhsulları və ağac emalı sexləri."))
    have = {f.slug: f for f in Factory.objects.filter(slug__in=[r[0] for r in rows])}
    for slug, centre, name, description in rows:
        if slug not in have:
            have[slug] = setup.factory_save(actor=actor, slug=slug, centre=centres[centre],
                                            name=name, description=description)
            setup.booking_rules_save(actor=actor, factory=have[slug],
                                     max_days_ahead=28 if slug == "guba" else 21)
    return have


def _lines(actor, factories, trainings, technician):
    have = {ln.slug: ln for ln in ProductionLine.objects.filter(slug__in=[r[0] for r in LINES])}
    for slug, factory, name, stations, unit, needs, equipment, templates, tech in LINES:
        if slug in have:
            continue
        line = setup.line_save(
            actor=actor, slug=slug, factory=factories[factory], name=name,
            workstations=stations, output_unit=unit, equipment=equipment,
            default_technician=technician if tech else None,
            required_trainings=[trainings[code] for code in needs],
        )
        for weekdays, starts, ends in templates:
            setup.shift_template_save(actor=actor, line=line, weekdays=list(weekdays),
                                      starts_at=starts, ends_at=ends)
        if slug == "guba-carpets":  # the carpet workshop has its own, looser rules
            setup.booking_rules_save(actor=actor, line=line, quota_per_week=3,
                                     quota_per_month=10, min_notice_hours=4)
        have[slug] = line
    return have


HOLIDAYS = ((1, 1, 2, "Yeni il"), (3, 8, 8, "Qadınlar günü"), (3, 20, 24, "Novruz bayramı"),
            (5, 9, 9, "Qələbə günü (1945)"), (5, 28, 28, "Müstəqillik günü"),
            (6, 15, 15, "Milli Qurtuluş günü"), (6, 26, 26, "Silahlı Qüvvələr günü"),
            (11, 8, 8, "Zəfər günü"), (11, 9, 9, "Dövlət Bayrağı günü"),
            (12, 31, 31, "Dünya azərbaycanlılarının həmrəyliyi günü"))


def _closures(actor, factories, lines, today):
    """The next two public holidays, at both factories, and a maintenance day."""
    upcoming = []
    for year in (today.year, today.year + 1):
        for month, first, last, name in HOLIDAYS:
            start = datetime.date(year, month, first)
            if start > today + datetime.timedelta(days=2):
                upcoming.append((start, datetime.date(year, month, last), name))
    for start, end, name in sorted(upcoming)[:2]:
        for factory in factories.values():
            if not Closure.objects.filter(factory=factory, starts_on=start).exists():
                setup_closure(actor, factory=factory, starts_on=start, ends_on=end,
                              kind=Closure.Kind.HOLIDAY, reason=name)
    maintenance = today + datetime.timedelta(days=(9 - today.weekday()) % 7 + 9)
    line = lines["guba-dried-fruit"]
    if not Closure.objects.filter(line=line, kind=Closure.Kind.MAINTENANCE).exists():
        setup_closure(actor, line=line, starts_on=maintenance, ends_on=maintenance,
                      kind=Closure.Kind.MAINTENANCE, reason="Qurutma kameralarının servisi")


def setup_closure(actor, **fields):
    return closure_save(actor=actor, **fields)


def _families(created, actor, adviser):
    enterprises = {e.name: e for e in Enterprise.objects.filter(
        kind=Enterprise.Kind.FAMILY, name__in=[r[0] for r in FAMILIES])}
    have = {f.enterprise.name: f for f in Family.objects.filter(
        enterprise__in=list(enterprises.values())).select_related("enterprise")}
    User = get_user_model()  # noqa: N806
    users = {u.email: u for u in User.objects.filter(
        email__in=[m[5] for rows in HOUSEHOLD.values() for m in rows if m[5]])}
    for name, trade, detail, settlement, stage in FAMILIES:
        if name in have or name not in enterprises:
            continue
        family = Family.objects.create(
            enterprise=enterprises[name], trade=trade, trade_kind=trade_kind_of(trade),
            trade_detail=detail, settlement=settlement, stage=stage,
            adviser=adviser if stage != "graduated" else None,
        )
        for member, relation, year, gender, role, email in HOUSEHOLD.get(name, ()):
            HouseholdMember.objects.create(family=family, name=member, relation=relation,
                                           birth_year=year, gender=gender, role=role,
                                           email=email, user=users.get(email))
        audit_log(family, "wagtail.create", user=actor)
        have[name] = family
        created.families += 1
    return have


def _records(actor, trainings, today):
    User = get_user_model()  # noqa: N806
    users = {u.email: u for u in User.objects.filter(email__in=[r[0] for r in RECORDS])}
    have = set(TrainingRecord.objects.filter(revoked_at__isnull=True).values_list(
        "user__email", "training__code"))
    for email, codes in RECORDS:
        for code in codes:
            if (email, code) not in have:
                setup.training_record_grant(
                    user=users[email], training=trainings[code], actor=actor,
                    completed_on=today - datetime.timedelta(days=60),
                    note="ABAD təlim mərkəzi")


def _todays_shifts(actor, lines, technician, today):
    """Today's jam shifts exist even on a weekend, so the technician has a sheet."""
    made = 0
    line = lines["guba-jam"]
    for starts, ends in ((H(8), H(13)), (H(14), H(19))):
        if not Shift.objects.filter(line=line, starts_at=at(today, starts)).exists():
            shift_create(line=line, starts_at=at(today, starts), ends_at=at(today, ends),
                         technician=technician, actor=actor)
            made += 1
    return made


def _assign_some(actor, lines, technician, today):
    """Balakan lines have no default technician: assign the shifts more than two days
    ahead, and leave the next two days' ones for the dashboard's warning."""
    soon = at(today + datetime.timedelta(days=3), H(0))
    for shift in Shift.objects.filter(line__factory__slug="balakan", technician__isnull=True,
                                      status=Shift.Status.SCHEDULED, starts_at__gte=soon):
        shift_assign_technician(shift=shift, technician=technician, actor=actor)


def _members(families):
    return {name: [m.user for m in family.household.select_related("user") if m.user]
            for name, family in families.items()}


def _book(created, shift, family, member):
    """Book as the family would have, two days before the shift."""
    if ShiftBooking.objects.filter(shift=shift, family=family).exists():
        return ShiftBooking.objects.filter(shift=shift, family=family).first()
    try:
        booking = booking_create(shift=shift, family=family, member=member,
                                 now=min(shift.starts_at - datetime.timedelta(days=2),
                                         timezone.now()))
    except DomainError:
        return None
    created.bookings += 1
    return booking


def _shifts(line, start, end):
    return list(Shift.objects.filter(line=line, status=Shift.Status.SCHEDULED,
                                     starts_at__gte=start, starts_at__lt=end)
                .order_by("starts_at"))


def _bookings(created, families, lines, technician, today):
    now = timezone.now()
    members = _members(families)
    demo = families.get(DEMO_FAMILY)
    if demo is None:
        return
    günel, elshan = members[DEMO_FAMILY][0], members[DEMO_FAMILY][1]
    today_start = at(today, H(0))
    jam, dried = lines["guba-jam"], lines["guba-dried-fruit"]

    # Upcoming first, so the quotas leave them room: the demo family has a jam shift in
    # each of the next two weeks (at least two days ahead, so it can still cancel) and
    # a dried-fruit shift; its weekly quota of two leaves room to book more.
    soon = now + datetime.timedelta(days=2)
    for weeks_ahead in (1, 2):
        monday = today - datetime.timedelta(days=today.weekday()) \
            + datetime.timedelta(days=7 * weeks_ahead)
        upcoming = _shifts(jam, max(at(monday, H(0)), soon),
                           at(monday + datetime.timedelta(days=5), H(0)))
        if upcoming:
            _book(created, upcoming[len(upcoming) // 2], demo, günel)
    for shift in _shifts(dried, now + datetime.timedelta(days=15),
                         now + datetime.timedelta(days=22))[:1]:
        _book(created, shift, demo, elshan)

    # Today: two families on each jam shift (the technician's sheet).
    for shift in _shifts(jam, today_start, at(today + datetime.timedelta(days=1), H(0))):
        _book(created, shift, families["Lənkəran Çay Bağı"], members["Lənkəran Çay Bağı"][0])
        _book(created, shift, families["Balakən Fındığı"], members["Balakən Fındığı"][1])

    # A full hazelnut shift next week, with the demo family first on its waiting list.
    for shift in _shifts(lines["balakan-hazelnut"], now + datetime.timedelta(days=4),
                         now + datetime.timedelta(days=14)):
        for name, index in (("Balakən Fındığı", 0), ("Qafarovların Şəki Pendiri", 0),
                            ("Lənkəran Çay Bağı", 1), ("Quba Xalçası", 1)):
            _book(created, shift, families[name], members[name][index])
        if WaitlistEntry.objects.filter(family=demo).exists():
            break
        try:
            waitlist_join(shift=shift, family=demo, member=günel)
            break
        except DomainError:
            continue

    # The past three weeks on the jam line: check-ins, lots, the odd no-show.
    jam_past = _shifts(jam, at(today - datetime.timedelta(days=21), H(0)), today_start)
    pairs = [(DEMO_FAMILY, günel), ("Lənkəran Çay Bağı", members["Lənkəran Çay Bağı"][0]),
             ("Balakən Fındığı", members["Balakən Fındığı"][1])]
    for i, shift in enumerate(jam_past[::3]):
        for j, (name, member) in enumerate(pairs):
            if (name == DEMO_FAMILY and i % 3) or (name != DEMO_FAMILY and (i + j) % 2):
                continue
            booking = _book(created, shift, families[name], member)
            if booking is None or booking.status != ShiftBooking.Status.BOOKED:
                continue
            if name == "Balakən Fındığı" and i % 4 == 2:
                booking_mark_no_show(booking=booking, actor=technician,
                                     now=shift.starts_at + datetime.timedelta(minutes=30))
                continue
            booking_check_in(booking=booking, actor=technician,
                             now=shift.starts_at + datetime.timedelta(minutes=5))
            _lot(created, booking, technician, i, j)

    # A family that missed its last three dried-fruit shifts is suspended now (by the
    # no-show rule, not by hand).
    honey = families["Zaqatala Dağ Balı"]
    recent, per_week = [], {}
    for shift in reversed(_shifts(dried, at(today - datetime.timedelta(days=20), H(0)),
                                  today_start)):
        if per_week.get(shift.week_start, 0) < 2 and len(recent) < 3:  # the weekly quota
            per_week[shift.week_start] = per_week.get(shift.week_start, 0) + 1
            recent.insert(0, shift)
    for shift in recent:
        booking = _book(created, shift, honey, members["Zaqatala Dağ Balı"][0])
        if booking is not None and booking.status == ShiftBooking.Status.BOOKED:
            booking_mark_no_show(booking=booking, actor=technician,
                                 now=shift.starts_at + datetime.timedelta(minutes=30))


def _lot(created, booking, technician, i, j):
    code = f"DEMO-{booking.shift.line.slug.upper()[:8]}-{booking.pk}"
    if ProductionLot.objects.filter(lot_code=code).exists():
        return
    line = booking.shift.line
    product = {"jar": "Heyva mürəbbəsi (450 q)", "kg": "Qurudulmuş alma"}.get(
        line.output_unit, "Məhsul")
    quantity = Decimal(40 + 7 * i + 3 * j)
    failed = (i + j) % 7 == 6
    lot_log(booking=booking, actor=technician, description=product, quantity=quantity,
            unit=line.output_unit, lot_code=code,
            quality="failed" if failed else "passed",
            quality_note="Qapaqlar tam bağlanmayıb, partiya yenidən emal olunacaq" if failed
            else "", now=booking.ends_at)
    created.lots += 1


def _applications():
    """Two applications waiting for the adviser's decision."""
    User = get_user_model()  # noqa: N806
    rows = (
        ("kanan.habibullayev@yuva.test", "Qımıl Ağac Sənətkarlığı", "woodwork",
         "Qoz ağacından nərd taxtaları və mətbəx ləvazimatı.", "guba", "Qımıl", False,
         ["business_plan", "branding", "training"]),
        ("ruslan.musayev@yuva.test", "Həzrə Pendir Evi", "dairy",
         "Ləzgi pendiri və kəsmik, kənd südündən.", "gusar", "Həzrə", False,
         ["certification", "packaging"]),
    )
    for email, name, trade, products, region, settlement, women_led, help_needed in rows:
        user = User.objects.get(email=email)
        if FamilyApplication.objects.filter(applicant=user, business_name=name).exists():
            continue
        application_submit(
            applicant=user, business_name=name, trade=trade, products=products,
            region=region, settlement=settlement, women_led=women_led,
            members=[{"name": user.full_name, "relation": "head", "gender": "male",
                      "birth_year": 1995, "role": "Usta", "email": user.email,
                      "is_applicant": True}],
            help_needed=help_needed, help_note="Sərgilərdə iştirak etmək istəyirik.",
        )


def _requests(created, families, adviser, today):
    members = _members(families)
    rows = (
        (DEMO_FAMILY, "label", "Heyva mürəbbəsi üçün etiket", "in_progress", 5,
         "Etiketdə tərkib və saxlanma müddəti olmalıdır."),
        (DEMO_FAMILY, "business_plan", "Biznes plan: ikinci qazan", "closed", None,
         "İstehsalı iki dəfə artırmaq üçün plan."),
        ("Balakən Fındığı", "certification", "AQTA sertifikatı", "waiting", -3,
         "Fındıq pastası üçün qida təhlükəsizliyi sertifikatı."),
        ("Zaqatala Dağ Balı", "branding", "Bal üçün brend və loqo", "assigned", 14,
         "Bankalar üçün vahid dizayn."),
        ("Lənkəran Çay Bağı", "market_access", "Supermarket şəbəkəsinə çıxış", "in_progress", -1,
         "Bravo və Araz ilə danışıqlar."),
        ("Qafarovların Şəki Pendiri", "legal", "Fərdi sahibkar qeydiyyatı", "new", None, ""),
    )
    for name, kind, title, status, target_days, description in rows:
        family = families.get(name)
        if family is None or ServiceRequest.objects.filter(family=family, title=title).exists():
            continue
        member = members[name][0]
        request = service_request_open(family=family, opened_by=member, kind=kind, title=title,
                                       description=description, notify_adviser=False)
        created.requests += 1
        if status == "new":
            ServiceRequest.objects.filter(pk=request.pk).update(adviser=None, status="new")
            continue
        service_message_post(request=request, author=member,
                             body="Salam! Nə vaxt başlaya bilərik?")
        service_message_post(request=request, author=adviser, by_staff=True,
                             body="Salam, bu həftə sizinlə əlaqə saxlayacağam.")
        if status in ("waiting",):
            service_request_set_status(request=request, status=status, actor=adviser,
                                       note="Ailədən sənədləri gözləyirik.")
        if target_days is not None:
            # The demo wants some targets already passed (overdue), which the service
            # refuses to set; written directly, as history.
            ServiceRequest.objects.filter(pk=request.pk).update(
                target_date=today + datetime.timedelta(days=target_days))
        if status == "closed":
            request.refresh_from_db()
            service_request_close(request=request, actor=adviser,
                                  note="Plan hazırdır, PDF portalda.")
            request.refresh_from_db()
            service_request_rate(request=request, author=member, rating=5,
                                 comment="Çox faydalı oldu, təşəkkürlər!")


def _large_families(created, adviser):
    """Benchmark scale: every family enterprise of `--size large` becomes an ABAD family
    (bulk, like core's large data)."""
    missing = Enterprise.objects.filter(kind=Enterprise.Kind.FAMILY, family__isnull=True)
    new = [Family(enterprise=e, trade="other_food" if e.sector == "food" else "other_craft",
                  trade_kind="food" if e.sector == "food" else "craft",
                  settlement=e.get_region_display(), stage=Family.Stage.PRODUCING,
                  adviser=adviser)
           for e in missing.filter(~Q(name__in=[r[0] for r in FAMILIES]))]
    Family.objects.bulk_create(new, batch_size=500)
    created.families += len(new)

