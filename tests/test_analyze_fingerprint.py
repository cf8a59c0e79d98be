"""The tokens a translation keeps: what kbsite.translations compares across languages."""

from __future__ import annotations

from kbsite.analyze.features import parse_counts
from kbsite.analyze.fingerprint import MAX_TOKENS, fingerprint, is_code


def test_names_numbers_code_addresses_and_commands_are_kept_as_written_folded():
    text = ("dpkg-realpath ist ein Werkzeug (seit Dpkg 1.20.1), das DPKG_ROOT und die Optionen --root oder "
            "--instdir beachtet, statt realpath(1) zu verwenden. Siehe https://wiki.debian.org/Teams/Dpkg, "
            "/etc/dpkg/dpkg.cfg oder schreiben Sie an debian-dpkg@lists.debian.org. IPv6-Adressen gehen auch.")
    found = parse_counts(fingerprint("dpkg-realpath - Pfadnamen ausgeben", text))
    for token in ("dpkg-realpath", "1.20.1", "dpkg_root", "--root", "--instdir", "realpath(1)", "realpath",
                  "https://wiki.debian.org/teams/dpkg", "/etc/dpkg/dpkg.cfg", "debian-dpkg@lists.debian.org",
                  "ipv6", "dpkg", "pfadnamen"):
        assert token in found, token
    assert found["dpkg-realpath"] == 2  # in the headline and in the text
    for word in ("ist", "beachtet", "siehe", "zu"):  # a sentence's first word, or a plain word: not a name
        assert word not in found, word
    assert "werkzeug" in found  # a German noun looks like a name: kbsite.translations keeps it only if shared


def test_latin_words_in_a_text_of_another_script_are_names():
    found = parse_counts(fingerprint("x", "Auto Adjust Photo – небольшой инструмент для фотографий."))
    assert {"auto", "adjust", "photo"} <= set(found) and "небольшои" not in found


def test_a_token_never_holds_a_space_and_an_article_keeps_at_most_max_tokens():
    packed = fingerprint("Ein¨Name", " ".join(f"v{i}" for i in range(MAX_TOKENS + 50)))
    assert len(packed.split()) == MAX_TOKENS
    assert all(item.rpartition(":")[2].isdigit() for item in packed.split())


def test_code_is_told_by_its_form():
    assert all(is_code(t) for t in ("3.2.7", "--delete", "/etc/fstab", "a@b.org", "dpkg(1)", "dpkg_root", "ipv6"))
    assert not any(is_code(t) for t in ("linux", "server", "command-line"))


def test_a_word_counts_by_where_it_stands_each_time_it_is_read():
    # Words are remembered from text to text: a sentence's first word is no name, inside a sentence it is one.
    assert parse_counts(fingerprint("x", "Werkzeug hier. Das Werkzeug dort.\nWerkzeug")) == {"x": 1, "werkzeug": 1}
    assert parse_counts(fingerprint("x", "Ein Werkzeug, ein Werkzeug. Werkzeug")) == {"x": 1, "werkzeug": 2}
    # A Latin word is a name in a Cyrillic text, and not in a Latin one.
    assert parse_counts(fingerprint("x", "фото photo тут и там.")) == {"x": 1, "photo": 1}
    assert parse_counts(fingerprint("x", "a photo here and there.")) == {"x": 1}
