"""Demo data for `manage.py seed_demo` (registered in wagtail_hooks through
core.demo.SEED_HOOK): programmes at the three INNOLAND centres, a closed call whose
review round, decisions and running cohort are done, and an open call with applications
in the early statuses and a round in progress. Everything goes through the services
(with past moments where the story needs them); keyed on the programme slugs, so a
second run creates nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.demo import demo_user
from core.models import Centre, Enterprise
from programmes.models import (
    Application,
    Call,
    Cohort,
    Criterion,
    DecisionEmailTemplate,
    Milestone,
    Programme,
    Question,
    Review,
    ReviewRound,
)
from programmes.services.applications import (
    application_create,
    application_save_answers,
    application_submit,
    application_withdraw,
    applications_decide,
    applications_transition,
)
from programmes.services.cohorts import (
    cohort_enrol,
    cohort_save,
    milestone_evidence_submit,
    milestone_return,
    milestone_sign_off,
)
from programmes.services.programmes import call_save, decision_template_save, programme_save
from programmes.services.reviews import review_submit, round_assign, round_save
from programmes.services.startups import startup_for_enterprise

S = Application.Status
DAY = datetime.timedelta(days=1)
REVIEWERS = ("reviewer@yuva.test", "mentor@yuva.test", "staff@yuva.test")


def sample_pdf(title="Yuva"):
    """A small, valid one-page PDF (for demo pitch decks and tests)."""
    text = title.encode("latin-1", "replace")
    stream = b"BT /F1 24 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


PROGRAMMES = (
    ("innoland-baku-acceleration", "INNOLAND Baku Akselerasiya", Programme.Kind.ACCELERATION,
     "innoland-baku", 16,
     "Gəlir əldə etməyə başlamış startaplar üçün 16 həftəlik akselerasiya proqramı.",
     "Mentorlarla həftəlik görüşlər\nİnvestorlar qarşısında Demo Day\n"
     "INNOLAND ofisində pulsuz iş yeri"),
    ("innoland-sheki-pre-acceleration", "INNOLAND Şəki Pre-akselerasiya",
     Programme.Kind.PRE_ACCELERATION, "innoland-sheki", 10,
     "İdeyasını MVP-yə çevirmək istəyən regional komandalar üçün.",
     "Məhsul və biznes modeli üzrə təlimlər\nMVP üçün texniki məsləhət"),
    ("innoland-shamakhi-incubation", "INNOLAND Şamaxı İnkubasiya", Programme.Kind.INCUBATION,
     "innoland-shamakhi", 24,
     "Kənd təsərrüfatı və yaşıl enerji ideyaları üçün altı aylıq inkubasiya.",
     "Ofis və laboratoriya\nHüquq və mühasibat dəstəyi"),
)

QUESTIONS = (
    ("Hansı problemi həll edirsiniz?", Question.Kind.LONG_TEXT, "", True),
    ("Məhsulunuz və ya həlliniz", Question.Kind.LONG_TEXT, "", True),
    ("Aylıq aktiv istifadəçi sayı", Question.Kind.NUMBER, "", False),
    ("Mərhələ", Question.Kind.CHOICE, "İdeya\nMVP\nGəlir\nGenişlənmə", True),
    ("Təqdimat (pitch deck, PDF)", Question.Kind.FILE, "", True),
    ("Sayt və ya demo keçidi", Question.Kind.SHORT_TEXT, "", False),
)
CRITERIA = (
    ("Komanda", "1: təcrübəsiz, natamam komanda; 5: sahəni bilən, tam komanda.", 3),
    ("Bazar", "1: bazar aydın deyil; 5: ölçülmüş, böyüyən bazar.", 2),
    ("Məhsul", "1: yalnız ideya; 5: istifadəçiləri olan işlək məhsul.", 2),
    ("Təsir", "1: regionlar üçün təsiri yoxdur; 5: regionlarda iş yerləri yaradır.", 1),
)
MILESTONES = (
    ("20 müştəri müsahibəsi", "Müsahibələrin qısa xülasəsi və əsas nəticələr.", 21, True),
    ("MVP istifadəçi testi", "Ən azı 10 istifadəçi ilə test və nəticələr.", 45, True),
    ("İlk ödənişli müştəri", "Müqavilə və ya ödəniş sübutu.", 75, True),
    ("Demo Day təqdimatı", "Yekun təqdimat (PDF).", 110, False),
)
TEMPLATES = {
    ("accepted", "az"): ("Müraciətiniz qəbul edildi: {call}",
                         "Hörmətli {applicant},\n\nTəbrik edirik: {startup} {programme} "
                         "proqramına qəbul edildi. Tezliklə kohortun başlanğıcı barədə "
                         "yazacağıq.\n\n{note}\n\nINNOLAND komandası"),
    ("accepted", "en"): ("Your application to {call} was accepted",
                         "Dear {applicant},\n\nCongratulations: {startup} has been accepted "
                         "to {programme}. We will write to you soon about the start of the "
                         "cohort.\n\n{note}\n\nThe INNOLAND team"),
    ("accepted", "ru"): ("Ваша заявка на {call} принята",
                         "Уважаемый(ая) {applicant},\n\nПоздравляем: {startup} принят в "
                         "программу {programme}. Скоро мы напишем о старте когорты.\n\n"
                         "{note}\n\nКоманда INNOLAND"),
    ("waitlisted", "az"): ("Müraciətiniz gözləmə siyahısındadır: {call}",
                           "Hörmətli {applicant},\n\n{startup} {programme} proqramı üçün "
                           "gözləmə siyahısındadır. Yer açılan kimi sizə yazacağıq.\n\n"
                           "{note}\n\nINNOLAND komandası"),
    ("waitlisted", "en"): ("Your application to {call} is on the waiting list",
                           "Dear {applicant},\n\n{startup} is on the waiting list for "
                           "{programme}. We will write to you as soon as a place becomes "
                           "free.\n\n{note}\n\nThe INNOLAND team"),
    ("waitlisted", "ru"): ("Ваша заявка на {call} в листе ожидания",
                           "Уважаемый(ая) {applicant},\n\n{startup} в листе ожидания "
                           "программы {programme}. Мы напишем, как только освободится "
                           "место.\n\n{note}\n\nКоманда INNOLAND"),
    ("rejected", "az"): ("{call} üzrə müraciətiniz",
                         "Hörmətli {applicant},\n\n{startup} ilə müraciət etdiyiniz üçün "
                         "təşəkkür edirik. Təəssüf ki, bu dəfə {programme} proqramına "
                         "qəbul olunmadınız. Növbəti müsabiqələrimizə müraciət etməyinizi "
                         "gözləyirik.\n\n{note}\n\nINNOLAND komandası"),
    ("rejected", "en"): ("Your application to {call}",
                         "Dear {applicant},\n\nThank you for applying with {startup}. We are "
                         "sorry: this time your application to {programme} was not "
                         "accepted. You are welcome to apply to our next calls.\n\n{note}"
                         "\n\nThe INNOLAND team"),
    ("rejected", "ru"): ("Ваша заявка на {call}",
                         "Уважаемый(ая) {applicant},\n\nСпасибо за заявку от {startup}. К "
                         "сожалению, на этот раз она не принята в программу {programme}. "
                         "Будем рады вашим заявкам в следующих конкурсах.\n\n{note}\n\n"
                         "Команда INNOLAND"),
}
ANSWERS = {
    "PulQabı": ("Bazar satıcıları nağd pulla işləyir və gündəlik hesabat aparmır.",
                "QR ilə ödəniş və avtomatik kassa hesabatı.", 1200, "Gəlir"),
    "Dərsim": ("Kənd məktəblərində internet zəifdir, riyaziyyat dərsləri çatmır.",
               "İnternetsiz işləyən interaktiv dərslər.", 3400, "Gəlir"),
    "Tarla Sensor": ("Fındıq bağlarında suvarma təxminən edilir.",
                     "Torpaq nəmliyi sensorları və SMS xəbərdarlıqları.", 150, "MVP"),
    "Karvan Yolu": ("Kənd qonaq evləri onlayn tapılmır.",
                    "Şəki və Qax üçün rezervasiya platforması.", 300, "MVP"),
    "ÜzümLab": ("Üzüm xəstəlikləri gec aşkarlanır.",
                "Dron şəkillərindən xəstəliklərin erkən aşkarlanması.", 40, "MVP"),
    "GünəşEv": ("Kənd evlərində elektrik kəsilir.",
                "Kiçik günəş panellərinin icarəsi.", 25, "İdeya"),
    "MedNövbə": ("Poliklinikalarda növbələr saatlarla çəkir.",
                 "Elektron növbə və SMS xatırlatma.", 5200, "Gəlir"),
}


MONTHS = ("Yanvar", "Fevral", "Mart", "Aprel", "May", "İyun", "İyul", "Avqust", "Sentyabr",
          "Oktyabr", "Noyabr", "Dekabr")


def _month_title(what, day):
    """E.g. "Sentyabr 2026 qəbulu": demo names follow the dates, whenever it is loaded."""
    suffix = {"qəbul": "qəbulu", "kohort": "kohortu"}[what]
    return f"{MONTHS[day.month - 1]} {day.year} {suffix}"


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed(*, stdout, size="small"):
    if Programme.objects.filter(slug=PROGRAMMES[0][0]).exists():
        stdout.write("programmes: demo data already there")
        return
    with transaction.atomic():
        counts = _seed()
    stdout.write("programmes: " + ", ".join(f"{n} {what}" for what, n in counts.items()))


def _seed():
    actor = demo_user("staff@yuva.test")
    today = timezone.localdate()
    centres = {c.slug: c for c in Centre.objects.filter(slug__in=[p[3] for p in PROGRAMMES])}
    programmes = []
    for slug, name, kind, centre, weeks, description, benefits in PROGRAMMES:
        programmes.append(programme_save(programme=Programme(
            slug=slug, name=name, kind=kind, centre=centres[centre], duration_weeks=weeks,
            description=description, benefits=benefits), actor=actor))
    for (decision, language), (subject, body) in TEMPLATES.items():
        decision_template_save(template=DecisionEmailTemplate(
            decision=decision, language=language, subject=subject, body=body), actor=actor)
    startups = {
        e.name: startup_for_enterprise(enterprise=e)
        for e in Enterprise.objects.filter(kind=Enterprise.Kind.STARTUP, name__in=ANSWERS)
        .select_related(None)
    }
    owners = {name: s.enterprise.memberships.get(role="owner").user
              for name, s in startups.items()}
    reviewers = [demo_user(email) for email in REVIEWERS]
    baku = programmes[0]

    # A call that closed three months ago: reviewed, decided, its cohort running.
    autumn = _call(baku, _month_title("qəbul", today - 150 * DAY), opens=today - 150 * DAY,
                   closes=today - 110 * DAY, actor=actor)
    during = _at(autumn.opens_at.date() + 10 * DAY)
    after = _at(autumn.closes_at.date() + 3 * DAY)
    applied = {name: _apply(autumn, startups[name], owners[name], during)
               for name in ("PulQabı", "Dərsim", "Tarla Sensor", "Karvan Yolu", "ÜzümLab",
                            "GünəşEv")}
    application_withdraw(application=applied.pop("GünəşEv"), actor=owners["GünəşEv"],
                         note="Komanda dəyişdi.", now=during + DAY)
    _move(applied.values(), [S.SCREENING, S.IN_REVIEW], actor, after)
    round_a = _round(autumn, "Birinci oxunuş", reviewers, actor)
    round_assign(round=round_a, actor=actor, now=after)
    _review_all(round_a, after + DAY)
    decide = after + 20 * DAY
    for names, decision in ((("PulQabı", "Dərsim"), S.ACCEPTED), (("Tarla Sensor",), S.WAITLISTED),
                            (("Karvan Yolu", "ÜzümLab"), S.REJECTED)):
        applications_decide(applications=[applied[n] for n in names], decision=decision,
                            actor=actor, send_emails=False, now=decide)
    round_a.status = ReviewRound.Status.CLOSED
    round_save(round=round_a, actor=actor)

    cohort = Cohort(programme=baku, name=_month_title("kohort", today - 80 * DAY),
                    starts_on=today - 80 * DAY,
                    ends_on=today + 40 * DAY,
                    description="INNOLAND Bakı akselerasiya proqramının kohortu.")
    for title, description, offset, required in MILESTONES:
        cohort.milestones.add(Milestone(title=title, description=description,
                                        due_on=cohort.starts_on + offset * DAY,
                                        required=required))
    cohort = cohort_save(cohort=cohort, actor=actor)
    enrolled = {e.startup.enterprise.name: e for e in cohort_enrol(
        cohort=cohort, applications=[applied["PulQabı"], applied["Dərsim"]], actor=actor)}
    milestones = list(cohort.milestones.order_by("sort_order"))
    for name, outcomes in (("PulQabı", ("signed_off", "submitted")),
                           ("Dərsim", ("signed_off", "signed_off", "returned"))):
        for milestone, outcome in zip(milestones, outcomes, strict=False):
            submission = milestone_evidence_submit(
                enrolment=enrolled[name], milestone=milestone, actor=owners[name],
                evidence=f"{milestone.title}: görülən işin qısa təsviri.",
                upload=_pdf(f"{name} - {milestone.title}"))
            if outcome == "signed_off":
                milestone_sign_off(submission=submission, actor=actor)
            elif outcome == "returned":
                milestone_return(submission=submission, actor=actor,
                                 note="Ödəniş sübutunu da əlavə edin.")

    # The open call: applications in the early statuses, a round under way.
    spring = _call(baku, _month_title("qəbul", today - 10 * DAY), opens=today - 10 * DAY,
                   closes=today + 30 * DAY, actor=actor)
    now = timezone.now()
    draft = application_create(call=spring, startup=startups["PulQabı"],
                               actor=owners["PulQabı"], now=now)
    _answer(draft, "PulQabı", with_file=False)
    later = {name: _apply(spring, startups[name], owners[name], now)
             for name in ("MedNövbə", "ÜzümLab", "GünəşEv", "Dərsim", "Karvan Yolu",
                          "Tarla Sensor")}
    _move([later["ÜzümLab"]], [S.SCREENING], actor, now)
    _move([later[n] for n in ("GünəşEv", "Dərsim", "Karvan Yolu")],
          [S.SCREENING, S.IN_REVIEW], actor, now)
    application_withdraw(application=later["Tarla Sensor"], actor=owners["Tarla Sensor"],
                         now=now)
    round_b = _round(spring, "Birinci oxunuş", reviewers, actor, open_=True)
    round_assign(round=round_b, actor=actor, now=now)
    pending = Review.objects.filter(round=round_b, reviewer=reviewers[0]).order_by("pk").first()
    _review_all(round_b, now, skip={pending.pk} if pending else set())
    applications_transition(applications=[later["Karvan Yolu"]], to_status=S.INTERVIEW,
                            actor=actor, now=now)
    return {"programmes": len(programmes), "calls": 2,
            "applications": Application.objects.filter(call__programme=baku).count(),
            "reviews": Review.objects.filter(round__call__programme=baku).count(),
            "cohorts": 1}


def _pdf(title):
    return SimpleUploadedFile("pitch-deck.pdf", sample_pdf(title), "application/pdf")


def _call(programme, title, *, opens, closes, actor):
    call = Call(programme=programme, title=f"{programme.name}: {title}",
                opens_at=_at(opens, 9), closes_at=_at(closes, 18),
                description="Bakıda və regionlarda fəaliyyət göstərən startaplar üçün.",
                eligibility="Azərbaycanda qeydiyyatdan keçmiş və ya keçəcək komandalar; "
                            "ən azı iki təsisçi.")
    for label, kind, choices, required in QUESTIONS:
        call.questions.add(Question(label=label, kind=kind, choices=choices,
                                    required=required))
    return call_save(call=call, actor=actor)


def _answer(application, name, *, with_file=True, now=None):
    problem, solution, users, stage = ANSWERS[name]
    questions = list(application.call.questions.order_by("sort_order"))
    values = {questions[0].pk: problem, questions[1].pk: solution, questions[2].pk: users,
              questions[3].pk: stage}
    files = {questions[4].pk: _pdf(name)} if with_file else {}
    application_save_answers(application=application, actor=application.created_by,
                             values=values, files=files, now=now)


def _apply(call, startup, owner, now):
    application = application_create(call=call, startup=startup, actor=owner, now=now)
    _answer(application, startup.enterprise.name, now=now)
    application_submit(application=application, actor=owner, now=now)
    return application


def _move(applications, statuses, actor, now):
    for status in statuses:
        applications_transition(applications=list(applications), to_status=status,
                                actor=actor, now=now)


def _round(call, name, reviewers, actor, *, open_=True):
    round = ReviewRound(call=call, name=name, reviews_per_application=2, blind=True,
                        normalise=True, status=ReviewRound.Status.OPEN if open_ else "draft")
    for criterion_name, description, weight in CRITERIA:
        round.criteria.add(Criterion(name=criterion_name, description=description,
                                     weight=weight))
    round.reviewers.set(reviewers)
    return round_save(round=round, actor=actor)


QUALITY = {"PulQabı": 4.4, "Dərsim": 4.1, "MedNövbə": 4.0, "Tarla Sensor": 3.5,
           "Karvan Yolu": 2.9, "GünəşEv": 3.2, "ÜzümLab": 2.6}
# A harsh, a neutral and a lenient reviewer: what the normalisation evens out.
BIAS = {"reviewer@yuva.test": 0.0, "mentor@yuva.test": -0.8, "staff@yuva.test": 0.6}


def _review_all(round, now, skip=()):
    criteria = list(round.criteria.all())
    for review in Review.objects.filter(round=round).select_related(
            "reviewer", "application__startup__enterprise").order_by("pk"):
        if review.pk in skip:
            continue
        name = review.application.startup.enterprise.name
        base = QUALITY[name] + BIAS.get(review.reviewer.email, 0)
        if name == "Karvan Yolu" and review.reviewer.email == "staff@yuva.test":
            base = 4.8  # reviewers disagree on this one
        scores = {c.pk: max(1, min(5, round_half(base + (position % 3 - 1) * 0.6)))
                  for position, c in enumerate(criteria)}
        mean = sum(scores.values()) / len(scores)
        recommendation = "accept" if mean >= 4 else "maybe" if mean >= 3 else "reject"
        review_submit(review=review, actor=review.reviewer, scores=scores,
                      recommendation=recommendation, comment="Yaxşı hazırlanmış müraciət.",
                      now=now)


def round_half(value):
    return int(value + 0.5)
