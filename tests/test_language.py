"""Language detection for the English-only coach: more Latin-script languages, and a fallback for the others."""
from coach.language import english_only_reply, foreign_language


def test_more_latin_script_languages_are_detected():
    assert foreign_language("Hur lång ska mitt CV vara?") == "Swedish"
    assert foreign_language("Jak długo trwa rozmowa kwalifikacyjna?") == "Polish"
    assert foreign_language("Berapa lama wawancara kerja biasanya?") == "Indonesian or Malay"


def test_a_language_without_a_word_list_is_still_noticed():
    # Several words with letters English does not use, and no English function word.
    assert foreign_language("Mennyi ideig tart egy állásinterjú általában?") == "a language other than English"
    assert foreign_language("Kuinka pitkä ansioluettelon pitäisi olla?") == "a language other than English"
    assert "English" in english_only_reply("a language other than English")


def test_english_with_foreign_names_or_abbreviations_stays_english():
    assert foreign_language("Should I mention my Erasmus year in Málaga on my résumé?") is None
    assert foreign_language("Is 30 min per problem enough for the Brindle mock?") is None
    assert foreign_language("What is the café-style interview at Nestlé?") is None
    assert foreign_language("how many yrs of experiance does a junior dev have") is None
