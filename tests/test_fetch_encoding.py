"""decode_text: BOM, HTTP charset, XML declaration, meta charset, detection, bad bytes."""

from __future__ import annotations

import codecs

import pytest

from extract.encoding import declared_charset, decode_text, http_charset, normalize_charset

TEXT = "Grüße aus Zürich – “Nachrichten” für alle"


def test_bom_wins_over_a_wrong_http_charset() -> None:
    body = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert decode_text(body, "text/html; charset=iso-8859-1") == TEXT
    assert decode_text(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), None) == TEXT


def test_http_charset() -> None:
    assert decode_text(TEXT.encode("cp1252"), 'text/html; charset="windows-1252"') == TEXT
    assert http_charset("application/xml;charset=UTF-8") == "UTF-8"
    assert http_charset("text/html") is None


def test_latin1_label_means_windows_1252() -> None:
    # The curly quotes and dash only exist in windows-1252, as browsers read "iso-8859-1".
    assert decode_text(TEXT.encode("cp1252"), "text/html; charset=ISO-8859-1") == TEXT


def test_xml_declaration() -> None:
    body = f'<?xml version="1.0" encoding="windows-1252"?><rss><title>{TEXT}</title></rss>'
    assert TEXT in decode_text(body.encode("cp1252"), "application/xml")
    assert declared_charset(b"<?xml version='1.0' encoding='koi8-r'?><a/>") == "koi8-r"


def test_meta_charset_and_http_equiv() -> None:
    text = "Новости дня: всё о главном"
    for head in ('<meta charset="koi8-r">',
                 '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'):
        body = f"<html><head>{head}</head><body>{text}</body></html>".encode("koi8-r")
        assert text in decode_text(body, "text/html")


def test_wrong_declaration_falls_through_to_one_that_decodes() -> None:
    body = f"<html><head><meta charset=utf-8></head><body>{TEXT}</body></html>".encode("cp1252")
    decoded = decode_text(body, "text/html; charset=bogus-charset")
    assert "Zürich" in decoded


def test_undeclared_utf8_and_detection() -> None:
    assert decode_text(TEXT.encode("utf-8"), None) == TEXT
    russian = "Москва — столица России, крупнейший город страны. " * 5
    assert decode_text(russian.encode("cp1251"), None) == russian


@pytest.mark.parametrize("body", [b"\xff\xfe\xfd\x80\x81 broken", b"\xc3\x28\xa0\xa1", b"",
                                  b"\x00\x00\x00", codecs.BOM_UTF8 + b"\xff\xfe"])
def test_bad_bytes_never_raise(body: bytes) -> None:
    assert isinstance(decode_text(body, "text/html; charset=utf-8"), str)
    assert isinstance(decode_text(body, None), str)


def test_normalize_charset() -> None:
    assert normalize_charset("UTF8") == "utf-8"
    assert normalize_charset("latin1") == "cp1252"
    assert normalize_charset("x-no-such") is None
    assert normalize_charset(None) is None


@pytest.mark.parametrize("label", ["utf-7", "UTF7", "unicode_escape", "raw-unicode-escape",
                                   "hz", "iso-2022-kr", "punycode", "idna", "base64", "rot13"])
def test_unsafe_declared_charsets_are_refused(label: str) -> None:
    assert normalize_charset(label) is None
    body = f"<meta charset='{label}'><title>+ADw-script+AD4-x\\u0041</title>".encode()
    for content_type in (None, f"text/html; charset={label}"):
        decoded = decode_text(body, content_type)
        assert "<script>" not in decoded and "+ADw-script+AD4-x\\u0041" in decoded


def test_a_mixed_utf8_and_windows_1252_page_is_decoded_run_by_run() -> None:
    body = "naïve résumé – ".encode() + "café crème “quoted”".encode("cp1252")
    for content_type in (None, "text/html; charset=utf-8"):
        assert decode_text(body, content_type) == "naïve résumé – café crème “quoted”"
    # a legacy single-byte page without any UTF-8 sequence is left to the declaration/detection
    assert decode_text(TEXT.encode("cp1252"), "text/html; charset=windows-1252") == TEXT
