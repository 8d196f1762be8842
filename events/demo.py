"""Demo events for `manage.py seed_demo` (registered through core.demo.SEED_HOOK).

Past and upcoming events at several centres: a Start-up Fest with its agenda, a
jam-making training in Guba (held, with check-ins, certificates and survey answers,
and a second one coming), a webinar, a full meetup with a waiting list, a demo day with
no-shows, and a workshop whose registrations staff approve. Everything goes through
the services; past events are registered for "back then" with the services' `now`.
Keyed on the event title: a second run creates nothing."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core.demo import demo_user
from core.models import Centre, Enterprise
from events import services
from events.models import AgendaItem, Event, Speaker
from events.services import AttendeeInput

K, A = Event.Kind, Event.Audience
STAFF = "staff@yuva.test"

SPEAKERS = {
    "aysel": ("Aysel Məmmədova", "Yuva, INNOLAND proqram rəhbəri"),
    "rashad": ("Rəşad Hüseynov", "PulQabı, həmtəsisçi"),
    "fidan": ("Fidan Səfərova", "Tarla Sensor, təsisçi"),
    "ayten": ("Aytən Kərimova", "Dərsim, təsisçi"),
    "sabina": ("Səbinə İsmayılova", "ABAD, ailə biznesi məsləhətçisi"),
    "tural": ("Tural Cəfərov", "ABAD Quba fabriki, texnoloq"),
}


@dataclass
class DemoEvent:
    title: str
    kind: str
    audience: str
    centre: str
    days: int  # from today; negative for past events
    hours: tuple  # (start hour, end hour)
    capacity: int
    description: str
    language: str = "az"
    room: str = ""
    online_url: str = ""
    requires_approval: bool = False
    prerequisite: bool = False
    max_group_size: int = 4
    agenda: tuple = ()  # (start "HH:MM", end, title, (speaker keys))
    # (registrant e-mail, (companion (name, e-mail, gender)), enterprise name or "")
    registrations: tuple = ()
    checked_in: tuple = ()  # registrant e-mails checked in (past events)
    survey: tuple = ()  # (registrant e-mail, rating, comment)
    certificates: bool = False
    extra: dict = field(default_factory=dict)


EVENTS = (
    DemoEvent(
        "Start-up Fest 2026", K.FESTIVAL, A.PUBLIC, "innoland-baku", 30, (10, 18), 300,
        "İlin ən böyük startap festivalı: çıxışlar, panel müzakirələri, investorlarla "
        "görüşlər və 20 startapın təqdimatı.", room="Böyük zal",
        agenda=(("10:00", "10:30", "Açılış", ("aysel",)),
                ("10:30", "11:30", "Bazarda ödəniş: QR kodla ilk il", ("rashad",)),
                ("11:45", "12:45", "Panel: kənd təsərrüfatında sensorlar", ("fidan", "ayten")),
                ("14:00", "17:00", "Startap təqdimatları", ()),
                ("17:00", "18:00", "Mükafatlandırma və şəbəkələşmə", ("aysel",))),
        registrations=(("founder@yuva.test", (("Kamran Abbasov", "kamran.abbasov@yuva.test",
                                               "male"),), "PulQabı"),
                       ("leyla.nasirova@yuva.test", (), ""),
                       ("fidan.safarova@yuva.test", (), "Tarla Sensor"))),
    DemoEvent(
        "Mürəbbə bişirmə təlimi — Quba", K.TRAINING, A.FAMILIES, "abad-guba-factory", -20,
        (10, 15), 12,
        "Sənaye mətbəxində mürəbbə bişirmə, sterilizasiya və etiketləmə qaydaları. "
        "Fabrikin mürəbbə xəttində növbə sifarişi üçün tələb olunur.",
        room="Təlim otağı", prerequisite=True,
        agenda=(("10:00", "11:30", "Gigiyena və sterilizasiya", ("tural",)),
                ("11:45", "13:00", "Reseptlər və şəkər nisbəti", ("tural",)),
                ("14:00", "15:00", "Etiket və satış", ("sabina",))),
        registrations=(("family@yuva.test", (("Elşən Quliyev", "elshan.quliyev@yuva.test",
                                              "male"),), "Quba Mürəbbə Evi"),
                       ("rana.qafarova@yuva.test", (), ""),
                       ("zulfiyya.habibullayeva@yuva.test", (), ""),
                       ("samira.mirzayeva@yuva.test", (), "")),
        checked_in=("family@yuva.test", "rana.qafarova@yuva.test",
                    "zulfiyya.habibullayeva@yuva.test"),
        survey=(("family@yuva.test", 5, "Çox faydalı idi, texnoloq hər sualı cavablandırdı."),
                ("rana.qafarova@yuva.test", 4, "")),
        certificates=True),
    DemoEvent(
        "Mürəbbə bişirmə təlimi — Quba (növbəti qrup)", K.TRAINING, A.FAMILIES,
        "abad-guba-factory", 14, (10, 15), 12,
        "Mürəbbə xəttində işləmək istəyən ailələr üçün növbəti təlim.", room="Təlim otağı",
        prerequisite=True,
        registrations=(("gulnar.musayeva@yuva.test", (("Ruslan Musayev",
                                                       "ruslan.musayev@yuva.test", "male"),),
                        ""),)),
    DemoEvent(
        "Vebinar: startaplar üçün vergi əsasları", K.WEBINAR, A.STARTUPS, "innoland-baku", 7,
        (15, 16), 100, "Sadələşdirilmiş vergi, ƏDV həddi və işçi qeydiyyatı — sual-cavab ilə.",
        language="az", online_url="https://meet.yuva.test/vergi-esaslari",
        registrations=(("founder@yuva.test", (), "PulQabı"),
                       ("ayten.karimova@yuva.test", (), "Dərsim"))),
    DemoEvent(
        "Fintech görüşü", K.MEETUP, A.STARTUPS, "innoland-baku", 10, (18, 20), 5,
        "Kiçik qrupda fintech startaplarının təcrübə mübadiləsi. Yerlər məhduddur.",
        room="Otaq 3", max_group_size=2,
        registrations=(("founder@yuva.test", (), "PulQabı"),
                       ("kamran.abbasov@yuva.test", (), ""),
                       ("sevinc.rahimova@yuva.test", (), "MedNövbə"),
                       ("ayten.karimova@yuva.test", (), ""),
                       ("murad.qasimov@yuva.test", (), ""),
                       ("zaur.novruzov@yuva.test", (), ""),
                       ("ramil.mustafayev@yuva.test", (), ""),
                       ("cavid.suleymanov@yuva.test", (), ""))),
    DemoEvent(
        "Demo Day — Şəki, payız", K.DEMO_DAY, A.PUBLIC, "innoland-sheki", -40, (11, 16), 60,
        "Şəki filialının startapları investorlar qarşısında.", room="Konfrans zalı",
        registrations=(("fidan.safarova@yuva.test", (("Orxan Bağırov",
                                                     "orxan.bagirov@yuva.test", "male"),), ""),
                       ("zaur.novruzov@yuva.test", (), ""),
                       ("leyla.nasirova@yuva.test", (), ""),
                       ("konul.valiyeva@yuva.test", (), "")),
        checked_in=("fidan.safarova@yuva.test", "leyla.nasirova@yuva.test"),
        survey=(("fidan.safarova@yuva.test", 5, "Üç investorla görüş təyin etdik!"),
                ("leyla.nasirova@yuva.test", 3, "Zal çox isti idi."))),
    DemoEvent(
        "Fındıq emalı: qablaşdırma və etiket", K.WORKSHOP, A.FAMILIES, "abad-balakan", 21,
        (10, 13), 15, "Fındıq və qoz məhsulları üçün qablaşdırma seçimi və etiket tələbləri.",
        room="Seminar otağı", requires_approval=True,
        registrations=(("tofiq.qafarov@yuva.test", (), ""),
                       ("vusal.pashayev@yuva.test", (("Lalə Paşayeva",
                                                      "lala.pashayeva@yuva.test", "female"),),
                        ""))),
)


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _speakers():
    speakers = {}
    for key, (name, affiliation) in SPEAKERS.items():
        speakers[key], _created = Speaker.objects.get_or_create(
            name=name, defaults={"affiliation": affiliation})
    return speakers


def _create(row, *, centres, speakers, staff, today):
    day = today + datetime.timedelta(days=row.days)
    starts, ends = _at(day, row.hours[0]), _at(day, row.hours[1])
    past = row.days < 0
    event = Event(
        title=row.title, kind=row.kind, audience=row.audience, status=Event.Status.PUBLISHED,
        centre=centres[row.centre], room=row.room, online_url=row.online_url,
        starts_at=starts, ends_at=ends, language=row.language, capacity=row.capacity,
        max_group_size=row.max_group_size, requires_approval=row.requires_approval,
        description=row.description, is_prerequisite_training=row.prerequisite,
    )
    then = starts - datetime.timedelta(days=10) if past else None
    services.event_save(event=event, actor=staff, now=then)
    for index, (start, end, title, keys) in enumerate(row.agenda):
        item = AgendaItem.objects.create(
            event=event, sort_order=index, title=title,
            starts_at=datetime.time.fromisoformat(start), ends_at=datetime.time.fromisoformat(end))
        item.speakers.set([speakers[k] for k in keys])
        item.save()  # a ParentalManyToManyField is written when its item is saved
    return event, then


def _register(event, row, *, then):
    from core.models import User

    people = {u.email: u for u in User.objects.filter(
        email__in=[email for email, _c, _e in row.registrations])}
    enterprises = {e.name: e for e in Enterprise.objects.filter(
        name__in=[name for _r, _c, name in row.registrations if name])}
    registrations = {}
    for email, companions, enterprise in row.registrations:
        user = people[email]
        registrations[email] = services.registration_create(
            event=event, user=user, enterprise=enterprises.get(enterprise),
            attendees=[AttendeeInput(user.full_name, user.email, _gender(user.full_name)),
                       *(AttendeeInput(*c) for c in companions)], now=then)
    return registrations


def _gender(full_name):
    """Azerbaijani surnames end in -ova/-yeva/-a for women (for demo figures only)."""
    return "female" if full_name.split()[-1].endswith("a") else "male"


def _after(event, row, registrations, *, staff):
    if not row.checked_in:
        return
    door = event.starts_at + datetime.timedelta(minutes=15)
    for email in row.checked_in:
        services.registration_check_in(event=event, actor=staff,
                                       code=registrations[email].ticket_code, now=door)
    services.event_mark_no_shows(event=event, actor=staff)
    services.event_survey_send(event=event, actor=staff)
    for email, rating, comment in row.survey:
        services.survey_answer(registration=registrations[email], rating=rating,
                               comment=comment)
    if row.certificates:
        services.event_certificates_issue(event=event, actor=staff,
                                          signatory_name="Səbinə İsmayılova",
                                          signatory_title="ABAD, ailə biznesi məsləhətçisi")


def seed(*, stdout, size="small"):
    staff = demo_user(STAFF)
    centres = {c.slug: c for c in Centre.objects.all()}
    speakers = _speakers()
    have = set(Event.objects.filter(title__in=[r.title for r in EVENTS])
               .values_list("title", flat=True))
    today = timezone.localdate()
    created = 0
    for row in EVENTS:
        if row.title in have:
            continue
        with transaction.atomic():
            event, then = _create(row, centres=centres, speakers=speakers, staff=staff,
                                  today=today)
            registrations = _register(event, row, then=then)
        _after(event, row, registrations, staff=staff)
        created += 1
    stdout.write(f"events: created {created} events.")
