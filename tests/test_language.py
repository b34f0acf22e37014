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


def test_a_question_in_a_language_without_accents_or_word_list_is_noticed_by_the_library_words():
    """Hindi in Latin script has no accents and no word list here: no English function word and mostly words the
    (English) library never uses make it foreign; an English question without function words stays English."""
    library = {"coding", "interview", "resume", "amazon", "salary", "range", "mle", "tips", "design", "logo"}
    knows = library.__contains__
    assert foreign_language("Coding interview ki taiyari kaise karein?", knows=knows) == "a language other than English"
    assert foreign_language("Resume mein kya likhna chahiye?", knows=knows) == "a language other than English"
    assert foreign_language("Amazon MLE salary range?", knows=knows) is None
    assert foreign_language("Bakery logo design tips?", knows=knows) is None
    assert foreign_language("How do I design a logo for my bakery?", knows=knows) is None


def test_portuguese_is_named_as_portuguese():
    assert foreign_language("Quantas rodadas tem a entrevista de design de sistemas na Amazon?") == "Portuguese"


def test_the_coach_gives_the_english_only_reply_never_a_missing_article(library_coach):
    for question in ("Coding interview ki taiyari kaise karein?", "Cuanto tiempo necesito para preparar una entrevista"
                     " de Google", "Quantas rodadas tem a entrevista na Amazon?"):
        answer = library_coach.ask(question)
        assert not answer.grounded, answer.answer
        assert "English" in answer.answer and "no article about" not in answer.answer, answer.answer


def test_a_question_half_made_of_library_terms_is_still_foreign_by_its_other_words():
    """"System design interview" are library words, but three words that neither the library nor an English
    dictionary knows, and no English function word, make the question foreign; typos and lower-case tool names in an
    English question do not."""
    library = {"system", "design", "interview", "prepare", "leetcode", "mock", "plan"}
    knows = library.__contains__
    assert foreign_language("System design interview ke liye kaise prepare karu?", knows=knows) == \
        "a language other than English"
    assert foreign_language("leetcode grind mock interview plan", knows=knows) is None
    assert foreign_language("how many yrs of experiance does a junior dev have", knows=knows) is None
