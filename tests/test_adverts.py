"""One advert module for ingest, retrieval, answers and comparison cells (coach.adverts)."""
from coach.adverts import attribution, is_advert, promo_sentence, promotional, sponsored
from ingest.clean import clean_markdown


def test_attribution_lines_are_furniture_not_answers():
    assert attribution("Source: Glassdoor")
    assert attribution("Source: [Glassdoor](https://www.glassdoor.com/Interview/x.htm)")
    assert not attribution("Source control questions come up in every loop.")
    assert not attribution("Source: the interviewer told me that the loop has four rounds and the last one is hard.")
    cleaned = clean_markdown("## Fictional Co\n\n- Why this company?\n\nSource: [Glassdoor](https://g.example/x)\n")
    assert "Glassdoor" not in cleaned and "Why this company?" in cleaned


def test_naming_a_guide_is_not_an_advert_in_answers_but_is_in_comparison_cells():
    sentence = "Work through the Tech Interview Handbook's list of questions before the onsite."
    assert not promo_sentence(sentence) and not sponsored("Preparation", sentence)
    assert promotional(sentence)  # a comparison cell states a fact about the interview, never a product
    assert promo_sentence("Get 30% off the course today.") and promotional("Get 30% off the course today.")
    assert sponsored("This section was added by Fictional Prep", "Practice with us.")


def test_is_advert_needs_a_tracking_link_or_a_bare_pointer():
    assert is_advert("We recommend this platform.", ["https://x.example/?utm_source=blog"])
    assert not is_advert("We recommend practising aloud.", ["https://x.example/docs"])
