"""Demo data for `manage.py seed_demo`: the tables, and the functions that load them.

Everything is keyed on something stable (a centre's slug, a person's e-mail, an
enterprise's kind and name), so loading twice creates nothing new.

Later apps add their own demo data through a Wagtail hook, so core never imports
them. The command calls each hook function positionally with the command's
output stream and the size ("small" or "large"), after core's data is in place:

    from wagtail import hooks
    from core.demo import SEED_HOOK

    @hooks.register(SEED_HOOK)
    def seed_incubator(stdout, size):
        ...  # idempotent, through the app's services

`demo_user(email)` finds the people below (e.g. the founder or the mentor login)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from core.audit import audit_log
from core.models import Centre, Enterprise, Membership, Region, User
from core.roles import ROLES_BY_CODE
from core.services import enterprise_create, membership_add, user_update_profile

SEED_HOOK = "yuva_seed_demo"
SIZES = ("small", "large")
REFUSE_MESSAGE = (
    "seed_demo creates accounts whose password is published in the README, so it only "
    "runs with DEBUG on. Run it with --force if you really mean to load demo data into "
    "this database."
)
LARGE_ENTERPRISES_PER_KIND = 500
BATCH_SIZE = 500


# --- Centres --------------------------------------------------------------------------

@dataclass(frozen=True)
class CentreRow:
    slug: str
    name: str
    kind: str
    programme: str
    region: str
    address: str
    phone: str
    email: str
    latitude: str
    longitude: str


K, P = Centre.Kind, Centre.Programme
CENTRES = (
    CentreRow("innoland-baku", "INNOLAND Baku", K.INCUBATION_CENTRE, P.INNOLAND, Region.BAKU,
              "Bakı, Nəsimi rayonu, Bakıxanov küçəsi 24, AZ1022", "+994 12 404 15 20",
              "baku@innoland.yuva.test", "40.378210", "49.845650"),
    CentreRow("innoland-sheki", "INNOLAND Sheki", K.REGIONAL_BRANCH, P.INNOLAND, Region.SHEKI,
              "Şəki, M. Ə. Rəsulzadə prospekti 126, AZ5500", "+994 24 244 31 07",
              "sheki@innoland.yuva.test", "41.192310", "47.170540"),
    CentreRow("innoland-shamakhi", "INNOLAND Shamakhi", K.REGIONAL_BRANCH, P.INNOLAND,
              Region.SHAMAKHI, "Şamaxı, Heydər Əliyev prospekti 47, AZ5600",
              "+994 20 265 52 18", "shamakhi@innoland.yuva.test", "40.630480", "48.641920"),
    CentreRow("abad-guba-factory", "ABAD Guba factory", K.FACTORY, P.ABAD, Region.GUBA,
              "Quba rayonu, Bakı–Quba yolu 168-ci km, Qırmızı Qəsəbə dairəsi, AZ4000",
              "+994 23 335 40 12", "guba@abad.yuva.test", "41.370150", "48.525310"),
    CentreRow("abad-balakan", "ABAD Balakan regional centre", K.REGIONAL_CENTRE, P.ABAD,
              Region.BALAKAN, "Balakən, Heydər Əliyev prospekti 95, AZ6400",
              "+994 24 195 21 44", "balakan@abad.yuva.test", "41.725630", "46.404870"),
    CentreRow("abad-lankaran", "ABAD Lankaran regional centre", K.REGIONAL_CENTRE, P.ABAD,
              Region.LANKARAN, "Lənkəran, Həzi Aslanov küçəsi 61, AZ4200",
              "+994 25 255 63 30", "lankaran@abad.yuva.test", "38.752950", "48.851110"),
)


# --- People ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    phone: str
    language: str = "az"
    # Only people with a role label are listed in the logins table; every demo person
    # can still sign in with the demo password.
    role: str = ""
    start: str = "/portal/"
    groups: tuple[str, ...] = ()  # role codes from core.roles
    is_staff: bool = False
    is_superuser: bool = False


LOGINS = (
    Person("staff@yuva.test", "Aysel Məmmədova", "+994 50 312 44 17", "en",
           role="staff (superuser)", start="/admin/", is_staff=True, is_superuser=True),
    Person("founder@yuva.test", "Rəşad Hüseynov", "+994 55 648 20 91",
           role="founder (owns PulQabı)"),
    Person("family@yuva.test", "Günel Quliyeva", "+994 70 221 87 35",
           role="family (owns Quba Mürəbbə Evi)"),
    Person("mentor@yuva.test", "Elvin Əliyev", "+994 51 774 09 62", "ru",
           role="mentor", groups=("mentor",)),
    Person("reviewer@yuva.test", "Nərmin Həsənova", "+994 50 903 16 48",
           role="reviewer", groups=("reviewer",)),
    Person("technician@yuva.test", "Tural Cəfərov", "+994 55 530 72 04",
           role="factory technician", start="/admin/", groups=("factory_technician",),
           is_staff=True),
    Person("adviser@yuva.test", "Səbinə İsmayılova", "+994 77 418 35 90",
           role="ABAD adviser", start="/admin/", groups=("abad_adviser",), is_staff=True),
)

MEMBERS = (
    Person("kamran.abbasov@yuva.test", "Kamran Abbasov", "+994 50 217 33 81"),
    Person("leyla.nasirova@yuva.test", "Leyla Nəsirova", "+994 55 380 14 26", "en"),
    Person("fidan.safarova@yuva.test", "Fidan Səfərova", "+994 70 412 58 03"),
    Person("orxan.bagirov@yuva.test", "Orxan Bağırov", "+994 51 655 27 19"),
    Person("murad.qasimov@yuva.test", "Murad Qasımov", "+994 50 742 61 90"),
    Person("konul.valiyeva@yuva.test", "Könül Vəliyeva", "+994 55 128 90 47"),
    Person("ayten.karimova@yuva.test", "Aytən Kərimova", "+994 77 306 42 15"),
    Person("cavid.suleymanov@yuva.test", "Cavid Süleymanov", "+994 50 561 08 73", "ru"),
    Person("zaur.novruzov@yuva.test", "Zaur Novruzov", "+994 70 844 19 62"),
    Person("sevinc.rahimova@yuva.test", "Sevinc Rəhimova", "+994 55 932 70 58"),
    Person("ramil.mustafayev@yuva.test", "Ramil Mustafayev", "+994 51 207 66 34"),
    Person("elshan.quliyev@yuva.test", "Elşən Quliyev", "+994 70 221 87 36"),
    Person("rana.qafarova@yuva.test", "Rəna Qafarova", "+994 50 486 12 70"),
    Person("tofiq.qafarov@yuva.test", "Tofiq Qafarov", "+994 55 486 12 71"),
    Person("zulfiyya.habibullayeva@yuva.test", "Zülfiyyə Həbibullayeva", "+994 70 377 45 02"),
    Person("kanan.habibullayev@yuva.test", "Kənan Həbibullayev", "+994 50 377 45 03"),
    Person("elnur.mirzayev@yuva.test", "Elnur Mirzəyev", "+994 55 619 83 24"),
    Person("samira.mirzayeva@yuva.test", "Samirə Mirzəyeva", "+994 70 619 83 25"),
    Person("vusal.pashayev@yuva.test", "Vüsal Paşayev", "+994 50 758 31 46"),
    Person("lala.pashayeva@yuva.test", "Lalə Paşayeva", "+994 51 758 31 47", "ru"),
    Person("shabnam.babayeva@yuva.test", "Şəbnəm Babayeva", "+994 55 264 97 10"),
    Person("gulnar.musayeva@yuva.test", "Gülnar Musayeva", "+994 70 903 52 68"),
    Person("ruslan.musayev@yuva.test", "Ruslan Musayev", "+994 50 903 52 69"),
)
PEOPLE = LOGINS + MEMBERS
DEMO_ACTOR = "staff@yuva.test"  # who the audit log says created the demo records


# --- Enterprises ----------------------------------------------------------------------

@dataclass(frozen=True)
class EnterpriseRow:
    kind: str
    name: str
    region: str
    centre: str  # slug
    sector: str
    founded_on: datetime.date
    women_led: bool
    employees: int
    description: str
    owner: str  # e-mail
    members: tuple[str, ...] = ()


S, F, Sec = Enterprise.Kind.STARTUP, Enterprise.Kind.FAMILY, Enterprise.Sector
D = datetime.date
ENTERPRISES = (
    # Startups at INNOLAND.
    EnterpriseRow(S, "PulQabı", Region.BAKU, "innoland-baku", Sec.FINTECH, D(2023, 4, 12),
                  False, 6, "Bazar satıcıları üçün QR ilə ödəniş və gündəlik kassa hesabatı.",
                  "founder@yuva.test", ("kamran.abbasov@yuva.test", "leyla.nasirova@yuva.test")),
    EnterpriseRow(S, "Tarla Sensor", Region.SHEKI, "innoland-sheki", Sec.AGRITECH,
                  D(2024, 2, 1), True, 4,
                  "Fındıq və qoz bağları üçün torpaq nəmliyi sensorları və suvarma "
                  "xəbərdarlıqları.", "fidan.safarova@yuva.test", ("orxan.bagirov@yuva.test",)),
    EnterpriseRow(S, "ÜzümLab", Region.SHAMAKHI, "innoland-shamakhi", Sec.AGRITECH,
                  D(2023, 9, 15), False, 5,
                  "Şamaxı üzüm bağlarında xəstəlikləri dron şəkillərindən erkən aşkar edir.",
                  "murad.qasimov@yuva.test", ("konul.valiyeva@yuva.test",)),
    EnterpriseRow(S, "Dərsim", Region.BAKU, "innoland-baku", Sec.EDTECH, D(2022, 10, 3), True,
                  9, "Kənd məktəbləri üçün internetsiz işləyən riyaziyyat dərsləri.",
                  "ayten.karimova@yuva.test", ("cavid.suleymanov@yuva.test",)),
    EnterpriseRow(S, "Karvan Yolu", Region.SHEKI, "innoland-sheki", Sec.TOURISM,
                  D(2024, 5, 20), False, 3,
                  "Şəki və Qax qonaq evləri üçün onlayn rezervasiya və ekskursiya bələdçisi.",
                  "zaur.novruzov@yuva.test"),
    EnterpriseRow(S, "MedNövbə", Region.BAKU, "innoland-baku", Sec.HEALTH, D(2023, 1, 16),
                  True, 7, "Poliklinikalarda elektron növbə və həkim qəbuluna SMS xatırlatma.",
                  "sevinc.rahimova@yuva.test", ("kamran.abbasov@yuva.test",)),
    EnterpriseRow(S, "GünəşEv", Region.SHAMAKHI, "innoland-shamakhi", Sec.GREEN,
                  D(2024, 8, 9), False, 2,
                  "Kənd evləri üçün kiçik günəş panellərinin quraşdırılması və icarəsi.",
                  "ramil.mustafayev@yuva.test"),
    # Family businesses with ABAD.
    EnterpriseRow(F, "Quba Mürəbbə Evi", Region.GUBA, "abad-guba-factory", Sec.FOOD,
                  D(2021, 6, 1), True, 5,
                  "Quba almasından, heyvadan və zoğaldan ev üsulu ilə bişirilmiş mürəbbələr.",
                  "family@yuva.test", ("elshan.quliyev@yuva.test",)),
    EnterpriseRow(F, "Qafarovların Şəki Pendiri", Region.SHEKI, "abad-balakan", Sec.FOOD,
                  D(2019, 3, 11), True, 4,
                  "Dağ kəndlərinin südündən motal və şor pendiri.",
                  "rana.qafarova@yuva.test", ("tofiq.qafarov@yuva.test",)),
    EnterpriseRow(F, "Quba Xalçası", Region.GUBA, "abad-guba-factory", Sec.CRAFT,
                  D(2018, 9, 24), True, 6,
                  "Qımıl və Pirəbədil naxışlı əl toxuması xalça və kilimlər.",
                  "zulfiyya.habibullayeva@yuva.test", ("kanan.habibullayev@yuva.test",)),
    EnterpriseRow(F, "Balakən Fındığı", Region.BALAKAN, "abad-balakan", Sec.FOOD,
                  D(2020, 8, 17), False, 8,
                  "Qovrulmuş fındıq, fındıq pastası və şokoladlı fındıq.",
                  "elnur.mirzayev@yuva.test", ("samira.mirzayeva@yuva.test",)),
    EnterpriseRow(F, "Lənkəran Çay Bağı", Region.LANKARAN, "abad-lankaran", Sec.FOOD,
                  D(2017, 5, 5), False, 10,
                  "Əl ilə yığılmış qara və yaşıl çay, feyxoa və limon mürəbbəsi.",
                  "vusal.pashayev@yuva.test", ("lala.pashayeva@yuva.test",)),
    EnterpriseRow(F, "Zaqatala Dağ Balı", Region.ZAGATALA, "abad-balakan", Sec.FOOD,
                  D(2022, 4, 28), True, 3, "Dağ çiçək balı və şanı balı.",
                  "shabnam.babayeva@yuva.test"),
    EnterpriseRow(F, "Qusar Yun Corabları", Region.GUSAR, "abad-guba-factory", Sec.CRAFT,
                  D(2021, 11, 2), True, 4, "Ləzgi naxışlı əl toxuması yun corab və əlcəklər.",
                  "gulnar.musayeva@yuva.test", ("ruslan.musayev@yuva.test",)),
)


# --- Benchmark-scale data (--size large) ----------------------------------------------
# Built from these parts deterministically, so a re-run finds what it made before.

FIRST_NAMES_F = ("Aynur", "Nigar", "Ülviyyə", "Xədicə", "Gülnar", "Lalə", "Sevda", "Aygün",
                 "Nərgiz", "Türkan", "Məlahət", "Pərvin", "Səidə", "Jalə", "Şəhla", "Vüsalə")
FIRST_NAMES_M = ("Nurlan", "Emin", "Ceyhun", "Fərid", "Rauf", "Elçin", "Anar", "Toğrul",
                 "İlkin", "Şahin", "Vüqar", "Mahir", "Rövşən", "Əkbər", "Qabil", "Yusif")
SURNAMES = ("Məmmədov", "Əliyev", "Hüseynov", "Quliyev", "Həsənov", "Cəfərov", "İsmayılov",
            "Abbasov", "Qasımov", "Vəliyev", "Kərimov", "Babayev", "Rəhimov", "Mustafayev",
            "Süleymanov", "Paşayev", "Mirzəyev", "Nəsirov", "Bağırov", "Novruzov")
STARTUP_PREFIXES = ("Ağıllı", "Rəqəmsal", "Yaşıl", "Sürətli", "Bulud", "Açıq", "Yeni", "Mobil",
                    "Dost", "Etibarlı", "Kiçik", "Böyük", "Parlaq", "Sadə", "Tez", "Birgə",
                    "Uzaq", "Yaxın", "Dəqiq", "Canlı", "Təmiz", "Azad", "Güclü", "İti", "Sakit")
STARTUP_NOUNS = (
    ("Kassa", Sec.FINTECH), ("Kredit", Sec.FINTECH), ("Tarla", Sec.AGRITECH),
    ("Bağ", Sec.AGRITECH), ("Məktəb", Sec.EDTECH), ("Dərs", Sec.EDTECH),
    ("Klinika", Sec.HEALTH), ("Aptek", Sec.HEALTH), ("Bazar", Sec.ECOMMERCE),
    ("Vitrin", Sec.ECOMMERCE), ("Səyahət", Sec.TOURISM), ("Qonaq", Sec.TOURISM),
    ("Kuryer", Sec.LOGISTICS), ("Anbar", Sec.LOGISTICS), ("Günəş", Sec.GREEN),
    ("Külək", Sec.GREEN), ("Kod", Sec.SOFTWARE), ("Platforma", Sec.SOFTWARE),
    ("Süfrə", Sec.FOOD), ("Usta", Sec.CRAFT),
)
# Startups by INNOLAND site: Baku holds most.
STARTUP_SITES = ((Region.BAKU, "innoland-baku"),) * 3 + (
    (Region.SHEKI, "innoland-sheki"), (Region.SHAMAKHI, "innoland-shamakhi"),
)
FAMILY_PRODUCTS = (
    ("alma mürəbbəsi", Region.GUBA, "abad-guba-factory", Sec.FOOD),
    ("alma qurusu", Region.GUBA, "abad-guba-factory", Sec.FOOD),
    ("xalçası", Region.GUBA, "abad-guba-factory", Sec.CRAFT),
    ("yun corabları", Region.GUSAR, "abad-guba-factory", Sec.CRAFT),
    ("meyvə şirəsi", Region.KHACHMAZ, "abad-guba-factory", Sec.FOOD),
    ("heyva mürəbbəsi", Region.KHACHMAZ, "abad-guba-factory", Sec.FOOD),
    ("fındığı", Region.BALAKAN, "abad-balakan", Sec.FOOD),
    ("qoz ləpəsi", Region.BALAKAN, "abad-balakan", Sec.FOOD),
    ("çiçək balı", Region.ZAGATALA, "abad-balakan", Sec.FOOD),
    ("şabalıdı", Region.ZAGATALA, "abad-balakan", Sec.FOOD),
    ("ipək kəlağayısı", Region.SHEKI, "abad-balakan", Sec.CRAFT),
    ("pendiri", Region.SHEKI, "abad-balakan", Sec.FOOD),
    ("halvası", Region.SHEKI, "abad-balakan", Sec.FOOD),
    ("qurutu", Region.GAKH, "abad-balakan", Sec.FOOD),
    ("misgərlik məmulatı", Region.GAKH, "abad-balakan", Sec.CRAFT),
    ("qara çayı", Region.LANKARAN, "abad-lankaran", Sec.FOOD),
    ("yaşıl çayı", Region.LANKARAN, "abad-lankaran", Sec.FOOD),
    ("feyxoa mürəbbəsi", Region.LANKARAN, "abad-lankaran", Sec.FOOD),
    ("limon mürəbbəsi", Region.ASTARA, "abad-lankaran", Sec.FOOD),
    ("sitrus cemi", Region.ASTARA, "abad-lankaran", Sec.FOOD),
    ("düyüsü", Region.MASALLY, "abad-lankaran", Sec.FOOD),
    ("tərəvəz turşusu", Region.MASALLY, "abad-lankaran", Sec.FOOD),
    ("hörmə səbətləri", Region.LANKARAN, "abad-lankaran", Sec.CRAFT),
    ("nar şərbəti", Region.GOYCHAY, "abad-balakan", Sec.FOOD),
    ("nar turşusu", Region.GOYCHAY, "abad-balakan", Sec.FOOD),
)
_ASCII = str.maketrans({"ə": "a", "ı": "i", "ö": "o", "ü": "u", "ş": "sh", "ç": "ch",
                        "ğ": "g"})


def _ascii(text):
    return text.lower().translate(_ASCII).replace("\u0307", "")


def _plural(surname):
    """Vowel harmony: Məmmədov → Məmmədovlar, Əliyev → Əliyevlər."""
    last_vowel = next(ch for ch in reversed(surname.lower()) if ch in "aıoueəiöü")
    return surname + ("lar" if last_vowel in "aıou" else "lər")


def _person(index, *, woman, surname=None):
    first = (FIRST_NAMES_F if woman else FIRST_NAMES_M)[index % 16]
    surname = surname or SURNAMES[(index // 16) % len(SURNAMES)]
    full_name = f"{first} {surname}{'a' if woman else ''}"
    email = f"{_ascii(first)}.{_ascii(surname)}{'a' if woman else ''}.{index:04d}@bench.yuva.test"
    return email, full_name


def large_rows(count=LARGE_ENTERPRISES_PER_KIND):
    """(kind, enterprise fields, owner (email, name), member (email, name)) for the
    benchmark-scale data: `count` startups and `count` family businesses."""
    rows = []
    for i in range(count):
        prefix = STARTUP_PREFIXES[i % len(STARTUP_PREFIXES)]
        noun, sector = STARTUP_NOUNS[(i // len(STARTUP_PREFIXES)) % len(STARTUP_NOUNS)]
        lap = i // (len(STARTUP_PREFIXES) * len(STARTUP_NOUNS))
        region, centre = STARTUP_SITES[i % len(STARTUP_SITES)]
        woman = i % 3 == 0
        rows.append((Enterprise.Kind.STARTUP, {
            "name": f"{prefix} {noun}" + (f" {lap + 1}" if lap else ""),
            "region": region, "centre": centre, "sector": sector,
            "founded_on": D(2016 + i % 9, 1 + i % 12, 1 + i % 28),
            "women_led": woman, "employees": 1 + i % 15,
        }, _person(2 * i, woman=woman), _person(2 * i + 1, woman=not woman)))
    for i in range(count):
        surname = SURNAMES[i % len(SURNAMES)]
        product, region, centre, sector = FAMILY_PRODUCTS[(i // len(SURNAMES))
                                                          % len(FAMILY_PRODUCTS)]
        lap = i // (len(SURNAMES) * len(FAMILY_PRODUCTS))
        woman = i % 2 == 0
        n = 2 * (count + i)
        rows.append((Enterprise.Kind.FAMILY, {
            "name": f"{_plural(surname)} {product}" + (f" {lap + 1}" if lap else ""),
            "region": region, "centre": centre, "sector": sector,
            "founded_on": D(2010 + i % 15, 1 + i % 12, 1 + i % 28),
            "women_led": woman, "employees": 1 + i % 8,
        }, _person(n, woman=woman, surname=surname),
            _person(n + 1, woman=not woman, surname=surname)))
    return rows


# --- Loading --------------------------------------------------------------------------

@dataclass
class Created:
    centres: int = 0
    users: int = 0
    enterprises: int = 0
    memberships: int = 0

    def __str__(self):
        return (f"{self.centres} centres, {self.users} users, {self.enterprises} enterprises, "
                f"{self.memberships} memberships")


def demo_user(email):
    return User.objects.get(email__iexact=email)


def seed(*, size="small", reset_passwords=False):
    """Load core's demo data (and, for size "large", the benchmark-scale data).
    Returns what was created; existing records are left as they are, except that
    demo people get back their groups, staff flags and verified e-mail address."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}")
    created = Created()
    with transaction.atomic():
        _seed_people(created, reset_passwords=reset_passwords)
        actor = demo_user(DEMO_ACTOR)
        centres = _seed_centres(created, actor=actor)
        _seed_enterprises(created, actor=actor, centres=centres)
        if size == "large":
            _seed_large(created, centres=centres)
    return created


def _seed_people(created, *, reset_passwords):
    # One hash for all demo people: hashing is deliberately slow (~0.3 s each).
    password = make_password(settings.YUVA_DEMO_PASSWORD)
    existing = {u.email: u for u in User.objects.filter(email__in=[p.email for p in PEOPLE])}
    groups = {code: Group.objects.get_or_create(name=ROLES_BY_CODE[code].group_name)[0]
              for person in PEOPLE for code in person.groups}
    for person in PEOPLE:
        user = existing.get(person.email)
        if user is None:
            user = User.objects.create_user(person.email, password=None)
            user_update_profile(user=user, full_name=person.full_name, phone=person.phone,
                                preferred_language=person.language)
            created.users += 1
            reset = True
        else:
            reset = reset_passwords
        if reset:
            user.password = password
        user.is_staff, user.is_superuser = person.is_staff, person.is_superuser
        user.save(update_fields=["password", "is_staff", "is_superuser"])
        for code in person.groups:
            user.groups.add(groups[code])
        _verify_email(user)


def _verify_email(user):
    """Mandatory verification: a demo person's address is verified and primary."""
    EmailAddress.objects.filter(user=user, primary=True).exclude(email=user.email).update(
        primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True},
    )


def _seed_centres(created, *, actor):
    centres = {c.slug: c for c in Centre.objects.filter(slug__in=[r.slug for r in CENTRES])}
    for row in CENTRES:
        if row.slug in centres:
            continue
        centre = Centre(
            slug=row.slug, name=row.name, kind=row.kind, programme=row.programme,
            region=row.region, address=row.address, phone=row.phone, email=row.email,
            latitude=Decimal(row.latitude), longitude=Decimal(row.longitude),
        )
        centre.full_clean()
        centre.save()
        audit_log(centre, "wagtail.create", user=actor)
        centres[row.slug] = centre
        created.centres += 1
    return centres


def _seed_enterprises(created, *, actor, centres):
    users = {u.email: u for u in User.objects.filter(email__in=[p.email for p in PEOPLE])}
    existing = {
        (e.kind, e.name): e
        for e in Enterprise.objects.filter(name__in=[r.name for r in ENTERPRISES])
    }
    memberships = set(Membership.objects.filter(
        enterprise__in=list(existing.values()),
    ).values_list("enterprise_id", "user_id"))
    for row in ENTERPRISES:
        enterprise = existing.get((row.kind, row.name))
        if enterprise is None:
            enterprise = enterprise_create(
                actor=actor, kind=row.kind, owner=users[row.owner], name=row.name,
                region=row.region, centre=centres[row.centre], sector=row.sector,
                founded_on=row.founded_on, women_led=row.women_led, employees=row.employees,
                description=row.description,
            )
            created.enterprises += 1
            created.memberships += 1
            memberships.add((enterprise.pk, users[row.owner].pk))
        for email in (row.owner, *row.members):
            user = users[email]
            if (enterprise.pk, user.pk) in memberships:
                continue
            role = Membership.Role.OWNER if email == row.owner else Membership.Role.MEMBER
            membership_add(enterprise=enterprise, user=user, role=role, actor=actor)
            memberships.add((enterprise.pk, user.pk))
            created.memberships += 1


def _seed_large(created, *, centres):
    """Benchmark-scale data, written in bulk (services would take minutes): plain
    rows without audit entries or e-mail addresses; these people cannot sign in."""
    rows = large_rows()
    people = {}
    for _kind, _fields, owner, member in rows:
        people.update((owner, member))
    have = set(User.objects.filter(email__in=list(people)).values_list("email", flat=True))
    new_users = [
        User(email=email, full_name=name, password=make_password(None))
        for email, name in people.items() if email not in have
    ]
    User.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
    created.users += len(new_users)
    user_ids = dict(User.objects.filter(email__in=list(people)).values_list("email", "pk"))

    names = [fields["name"] for _kind, fields, _o, _m in rows]
    have = set(Enterprise.objects.filter(name__in=names).values_list("kind", "name"))
    new_enterprises = [
        Enterprise(kind=kind, **{**fields, "centre": centres[fields["centre"]]})
        for kind, fields, _o, _m in rows if (kind, fields["name"]) not in have
    ]
    Enterprise.objects.bulk_create(new_enterprises, batch_size=BATCH_SIZE)
    created.enterprises += len(new_enterprises)
    enterprise_ids = {
        (kind, name): pk
        for kind, name, pk in Enterprise.objects.filter(name__in=names).values_list(
            "kind", "name", "pk")
    }

    wanted = []
    for kind, fields, owner, member in rows:
        enterprise_id = enterprise_ids[(kind, fields["name"])]
        wanted.append((enterprise_id, user_ids[owner[0]], Membership.Role.OWNER))
        wanted.append((enterprise_id, user_ids[member[0]], Membership.Role.MEMBER))
    have = set(Membership.objects.filter(
        enterprise_id__in=list(enterprise_ids.values()),
    ).values_list("enterprise_id", "user_id"))
    new_memberships = [
        Membership(enterprise_id=e, user_id=u, role=role)
        for e, u, role in wanted if (e, u) not in have
    ]
    Membership.objects.bulk_create(new_memberships, batch_size=BATCH_SIZE)
    created.memberships += len(new_memberships)


def logins_table():
    """The demo logins as a plain-text table, for the terminal."""
    header = ("role", "e-mail", "password", "name", "start at")
    rows = [(p.role, p.email, settings.YUVA_DEMO_PASSWORD, p.full_name, p.start)
            for p in LOGINS]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    rule = "  ".join("-" * w for w in widths)
    lines = ["Demo logins (sign in at /accounts/login/):", rule]
    for i, row in enumerate((header, *rows)):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     .rstrip())
        if i == 0:
            lines.append(rule)
    lines.append(rule)
    return "\n".join(lines)
