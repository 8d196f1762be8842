"""Certificates: one batch of N attendance certificates (render, store, registry rows)
against raw WeasyPrint rendering the same HTML in a loop, in the same run.

Targets (issue 3): at least 40 certificates per second in one worker process, at most
1.3× raw WeasyPrint, and the process's peak memory under 300 MB. E-mailing is left out
(send_emails=False): the figure is about rendering, storing and the registry.
"""

import datetime
import resource
import time
from pathlib import Path

from benchmarks.common import format_table

FONTS = Path(__file__).resolve().parent.parent / "documents" / "fonts"


def _raw_stylesheet():
    faces = [("Yuva Sans", "NotoSans-Regular.ttf", "normal"),
             ("Yuva Sans", "NotoSans-Bold.ttf", "bold"),
             ("Yuva Serif", "NotoSerif-Regular.ttf", "normal"),
             ("Yuva Serif", "NotoSerif-Bold.ttf", "bold")]
    return "\n".join(
        f"@font-face {{ font-family: '{family}'; src: url('{(FONTS / name).as_uri()}');"
        f" font-weight: {weight}; }}" for family, name, weight in faces
    )


def run(args):
    import weasyprint
    from django.template.loader import render_to_string
    from django.utils import translation

    from core.models import Centre, User
    from documents.builders import build
    from documents.models import Certificate, CertificateBatch
    from documents.services.certificates import Recipient, certificates_issue

    count = args.certificates
    centre = Centre.objects.create(name="İNNOLAND Bakı", slug="bench-baku",
                                   kind="incubation_centre", programme="innoland",
                                   region="baku", address="Bakı")
    staff = User.objects.create_user("bench-staff@yuva.test", "x", full_name="Bench Staff")
    recipients = [
        Recipient(name=f"İştirakçı Şəhla Məmmədova {i}", email=f"p{i}@example.az",
                  language=("az", "en", "ru")[i % 3])
        for i in range(count)
    ]

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    batch = certificates_issue(
        kind=Certificate.Kind.ATTENDANCE, title="Start-up Fest 2026", recipients=recipients,
        centre=centre, signatory_name="Rəşad Hüseynov", signatory_title="Direktor",
        actor=staff, issued_on=datetime.date(2026, 11, 20), subject_label="bench-fest",
        send_emails=False,
    )
    batch_seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    batch.refresh_from_db()
    if (batch.status, batch.rendered) != (CertificateBatch.Status.DONE, count):
        raise RuntimeError(f"batch ended {batch.status} with {batch.rendered}/{count}")

    # The same HTML the batch rendered, built once up front.
    certificates = Certificate.objects.filter(batch=batch).select_related(
        "centre", "document").order_by("pk")
    pages = []
    for certificate in certificates:
        built = build(certificate.document)
        with translation.override(certificate.language):
            pages.append(render_to_string(
                built.template_name, {**built.context, "LANGUAGE_CODE": certificate.language}))
    # Raw WeasyPrint on the same HTML, fonts and certificate stylesheet, twice: as
    # plain code writes it (fonts set up for every PDF) and at its best (one font
    # configuration and the stylesheets parsed once, as documents.pdf does).
    from django.contrib.staticfiles import finders
    from weasyprint.text.fonts import FontConfiguration

    certificate_css = finders.find("documents/pdf/certificate.css")
    started = time.perf_counter()
    for html in pages:
        fonts = FontConfiguration()
        weasyprint.HTML(string=html).write_pdf(
            stylesheets=[weasyprint.CSS(string=_raw_stylesheet(), font_config=fonts),
                         weasyprint.CSS(filename=certificate_css, font_config=fonts)],
            font_config=fonts)
    raw_plain = time.perf_counter() - started
    fonts = FontConfiguration()
    stylesheets = [weasyprint.CSS(string=_raw_stylesheet(), font_config=fonts),
                   weasyprint.CSS(filename=certificate_css, font_config=fonts)]
    started = time.perf_counter()
    for html in pages:
        weasyprint.HTML(string=html).write_pdf(stylesheets=stylesheets, font_config=fonts)
    raw_best = time.perf_counter() - started

    rows = [
        ("raw WeasyPrint, fonts set up per PDF", count, f"{raw_plain:.1f}",
         f"{count / raw_plain:.1f}", "1.00", f"{raw_plain / raw_best:.2f}"),
        ("raw WeasyPrint, fonts and CSS set up once", count, f"{raw_best:.1f}",
         f"{count / raw_best:.1f}", f"{raw_best / raw_plain:.2f}", "1.00"),
        ("certificates_issue batch (render, store, rows)", count, f"{batch_seconds:.1f}",
         f"{count / batch_seconds:.1f}", f"{batch_seconds / raw_plain:.2f}",
         f"{batch_seconds / raw_best:.2f}"),
    ]
    table = format_table(["certificates", "count", "seconds", "per second", "× raw plain",
                          "× raw best"], rows, right_aligned={1, 2, 3, 4, 5})
    return (f"{table}\npeak memory of this process: {rss_before:.0f} MB before the batch, "
            f"{rss_after:.0f} MB after (target < 300 MB)")
