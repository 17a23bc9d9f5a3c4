import pytest
from django.core.exceptions import ValidationError

from core.files import IMAGE_KINDS, validate_upload
from tests.factories import PDF_BYTES
from tests.workspace import uploads


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("plan.pdf", lambda: PDF_BYTES, "pdf"),
        ("plan.docx", uploads.docx_bytes, "docx"),
        ("plan.odt", uploads.odt_bytes, "odt"),
        ("figures.xlsx", uploads.xlsx_bytes, "xlsx"),
        ("figures.ods", uploads.ods_bytes, "ods"),
        ("photo.png", uploads.png_bytes, "png"),
        ("photo.jpg", uploads.jpeg_bytes, "jpg"),
        ("photo.JPEG", uploads.jpeg_bytes, "jpg"),
        ("photo.webp", uploads.webp_bytes, "webp"),
    ],
)
def test_accepted_kinds_are_recognised_by_their_content(name, make, kind):
    assert validate_upload(uploads.upload(name, make())) == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.pdf", uploads.HTML_BYTES),
        ("plan.pdf", uploads.SVG_BYTES),
        ("logo.svg", uploads.SVG_BYTES),
        ("plan.pdf", uploads.EXE_BYTES),
        ("plan.pdf", uploads.ELF_BYTES),
        ("notes.txt", b"just some text"),
    ],
)
def test_html_svg_and_programs_are_refused_whatever_their_name(name, data):
    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.upload(name, data))

    assert error.value.code == "wrong_type"
    assert "not one of the accepted kinds" in str(error.value.messages[0])
    assert "PDF" in error.value.messages[0]


def test_a_name_that_lies_about_an_accepted_kind_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.upload("plan.pdf", uploads.png_bytes()))

    assert error.value.code == "wrong_extension"
    assert "“.pdf”" in error.value.messages[0]
    assert "PNG" in error.value.messages[0]


def test_too_large_is_refused_with_the_limit(settings):
    settings.MAX_UPLOAD_BYTES = 100

    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.upload("plan.pdf", PDF_BYTES[:101]))

    assert error.value.code == "too_large"
    assert error.value.messages[0] == "The file is 101\xa0bytes; files may be at most 100\xa0bytes."


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.upload("plan.pdf", b""))

    assert error.value.code == "empty"


def test_documents_with_macros_are_refused():
    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.upload("plan.docx", uploads.docx_bytes(macros=True)))

    assert error.value.code == "macros"


def test_a_zip_that_only_starts_like_a_document_is_refused():
    damaged = uploads.docx_bytes()[:200]

    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.upload("plan.docx", damaged))

    assert error.value.code in {"damaged", "wrong_type"}


def test_images_only_where_images_are_asked_for():
    assert validate_upload(uploads.upload("logo.png", uploads.png_bytes()), kinds=IMAGE_KINDS)
    with pytest.raises(ValidationError):
        validate_upload(uploads.upload("logo.pdf", PDF_BYTES), kinds=IMAGE_KINDS)


def test_the_file_is_rewound_for_whoever_reads_it_next():
    file = uploads.upload("plan.docx", uploads.docx_bytes())

    validate_upload(file)

    assert file.read(2) == b"PK"
