"""Design proofs: versions, the family's decision in the portal, artwork versions."""

import pytest
from django.core import mail
from django.urls import reverse

from core.errors import DomainError
from families.models import Artwork, DesignProof
from families.services.products import proof_decide, proof_upload
from tests.factories.core import UserFactory
from tests.factories.fam_products import junk_upload, pdf_upload, png_upload
from tests.factories.families import FamilyFactory, ServiceRequestFactory, family_member
from tests.factories.products import BrandFactory, ProductFactory
from tests.families.helpers import messages_text, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def designer():
    return UserFactory()


@pytest.fixture
def setting():
    family, member = family_member(FamilyFactory(), email="ana@example.az",
                                   preferred_language="en")
    product = ProductFactory(compliance=False, brand=BrandFactory(family=family))
    request = ServiceRequestFactory(family=family, kind="label", title="Jam label")
    return family, member, product, request


def test_a_new_version_supersedes_the_waiting_one(setting, designer,
                                                  django_capture_on_commit_callbacks):
    family, member, product, request = setting
    with django_capture_on_commit_callbacks(execute=True):
        first = proof_upload(service_request=request, actor=designer, file=pdf_upload(),
                             product=product)
        second = proof_upload(service_request=request, actor=designer, file=png_upload(),
                              product=product, note="Bigger letters")
    first.refresh_from_db()
    assert [(p.version, p.decision) for p in DesignProof.objects.order_by("version")] == [
        (1, "superseded"), (2, "pending")]
    assert (second.content_type, second.brand, second.note) == (
        "image/png", product.brand, "Bigger letters")
    assert [m.subject for m in mail.outbox] == [
        "A design is waiting for your approval: Jam label"] * 2
    with pytest.raises(DomainError):
        proof_decide(proof=first, actor=member, approve=True)


def test_proofs_are_refused_on_other_requests_and_bad_files(setting, designer):
    family, member, product, request = setting
    with pytest.raises(DomainError) as info:
        proof_upload(service_request=ServiceRequestFactory(family=family, kind="training"),
                     actor=designer, file=pdf_upload(), product=product)
    assert info.value.message == "Proofs belong to branding, packaging or label requests."
    with pytest.raises(DomainError) as info:
        proof_upload(service_request=request, actor=designer, file=pdf_upload(),
                     product=ProductFactory(compliance=False))
    assert info.value.message == "Choose one of this family's products."
    with pytest.raises(DomainError) as info:
        proof_upload(service_request=request, actor=designer, file=junk_upload(),
                     product=product)
    assert info.value.message == "Attach a PDF, JPEG or PNG file."
    assert DesignProof.objects.count() == 0


def test_approval_adds_an_artwork_version(setting, designer):
    family, member, product, request = setting
    for round_ in (1, 2):
        proof = proof_upload(service_request=request, actor=designer, file=pdf_upload(),
                             product=product)
        artwork = proof_decide(proof=proof, actor=member, approve=True)
        assert (artwork.kind, artwork.version, artwork.product, artwork.brand,
                artwork.proof, artwork.approved_by) == (
            "label", round_, product, product.brand, proof, member)
        assert artwork.file.open("rb").read() == proof.file.open("rb").read()
    branding = ServiceRequestFactory(family=family, kind="branding")
    logo = proof_decide(proof=proof_upload(service_request=branding, actor=designer,
                                           file=png_upload(), brand=product.brand),
                        actor=member, approve=True)
    assert (logo.kind, logo.version, logo.product) == ("logo", 1, None)
    assert Artwork.objects.count() == 3


def test_changes_need_a_comment(setting, designer):
    family, member, product, request = setting
    proof = proof_upload(service_request=request, actor=designer, file=pdf_upload(),
                         product=product)
    with pytest.raises(DomainError) as info:
        proof_decide(proof=proof, actor=member, approve=False, comment=" ")
    assert info.value.message == "Say what should change."
    proof = proof_decide(proof=proof, actor=member, approve=False, comment="Larger logo")
    assert (proof.decision, proof.decision_note, proof.decided_by) == (
        "changes", "Larger logo", member)
    assert Artwork.objects.count() == 0


def test_the_family_approves_in_the_portal(client, setting, designer):
    family, member, product, request = setting
    proof = proof_upload(service_request=request, actor=designer, file=pdf_upload(),
                         product=product, note="Version with the new colours")
    client.force_login(member)
    page = soup(client.get(reverse("families:proofs", args=[family.pk])))
    assert page.select_one(f"#pending-{proof.pk} h2").get_text(strip=True) == "Jam label · v1"
    download = client.get(reverse("families:proof_file", args=[family.pk, proof.pk]))
    assert (download.status_code, b"".join(download.streaming_content)) == (
        200, proof.file.open("rb").read())
    response = client.post(reverse("families:proof_decide", args=[family.pk, proof.pk]),
                           {"decision": "changes", "comment": ""}, follow=True)
    assert messages_text(response) == ["Say what should change."]
    response = client.post(reverse("families:proof_decide", args=[family.pk, proof.pk]),
                           {"decision": "approve"}, follow=True)
    assert messages_text(response) == ["Thank you: the design is approved."]
    artwork = Artwork.objects.get()
    products_page = soup(client.get(reverse("families:products", args=[family.pk])))
    assert [a["href"] for a in products_page.select(f"#brand-{product.brand.pk} a")] == [
        reverse("families:artwork_file", args=[family.pk, artwork.pk])]
    assert artwork.product == product
