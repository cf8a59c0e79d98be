"""Files saved by any tool read as the text their author wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbsite.errors import ReadError
from kbsite.model import Diagnostic
from kbsite.readers.encoding import decode

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SPANISH = "Título con “comillas”\n\nEl gobierno pakistaní — según él — pidió acceso.\n"


def guessed(name: str, encoding: str) -> Diagnostic:
    message = f"the file is not UTF-8; it was read as {encoding}: save it as UTF-8 if the text looks wrong"
    return Diagnostic(name, message, severity="warning")


@pytest.mark.parametrize("name", ["article_utf8_bom.txt", "article_utf16le_bom.txt", "article_utf16be_bom.txt"])
def test_byte_order_marks_decide_without_warning(name: str) -> None:
    assert decode(name, (FIXTURES / name).read_bytes()) == (SPANISH, [])


@pytest.mark.parametrize(
    ("name", "text", "encoding"),
    [
        ("article_cp1252.txt", SPANISH, "cp1252"),
        ("article_utf16le_without_bom.txt", SPANISH, "utf-16-le"),
        ("article_latin1.txt", "Título\n\nCanción del niño, año 2015.\n", "cp1252"),
        ("article_cp1251.txt",
         "Заголовок статьи\n\nBlackBerry прекратит работать в Пакистане «по соображениям безопасности».\n", "cp1251"),
    ],
)
def test_legacy_encodings_are_recognised_with_a_warning(name: str, text: str, encoding: str) -> None:
    assert decode(name, (FIXTURES / name).read_bytes()) == (text, [guessed(name, encoding)])


def test_curly_quotes_in_cp1252_are_not_control_characters() -> None:
    text, _ = decode("q.txt", "“Quoted” – ‘single’ …".encode("cp1252"))
    assert text == "“Quoted” – ‘single’ …"


def test_line_endings_are_normalised() -> None:
    assert decode("a.txt", b"one\r\ntwo\rthree\n") == ("one\ntwo\nthree\n", [])


def test_text_is_composed_to_nfc() -> None:
    text, _ = decode("a.txt", "Pakista\u0301n".encode())
    assert text == "Pakistán"


def test_a_few_stray_control_characters_are_removed_with_a_warning() -> None:
    text, diagnostics = decode("a.txt", (FIXTURES / "article_with_control_chars.txt").read_bytes())
    assert "\x1b" not in text
    assert diagnostics == [Diagnostic(
        "a.txt", "1 control character(s) were removed from the text: check the file for damage", severity="warning"
    )]


@pytest.mark.parametrize("data", [b"text\x00with nul", b"\x00\x00\x00\x00", bytes(range(256)) * 4])
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        decode("b.txt", data)
    assert info.value.diagnostic.message == "the file holds binary data, not text: remove it or save it as plain text"


def test_utf16_bom_with_broken_bytes_is_refused() -> None:
    with pytest.raises(ReadError) as info:
        decode("b.txt", b"\xff\xfea\x00\x00\xd8")  # a lone surrogate
    assert info.value.diagnostic.message == "the file's text encoding could not be recognised: save it as UTF-8"
