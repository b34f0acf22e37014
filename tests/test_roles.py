"""Role lexicon, detection and alias resolution (coach.roles) on real article text."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import UnknownRoleError
from coach.models import Role
from coach.roles import detect_roles, lexicon_roles, resolve_role, roles_mentioned

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_bb54feeca4c3cc0b.txt"

SEED_ROLES = [
    Role(name="Applied Scientist", aliases=["AS"]),
    Role(name="Machine Learning Engineer", aliases=["MLE", "ML Engineer"]),
]


def _seed_title_and_body() -> tuple[str, str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return lines[2], "\n".join(lines[3:])


def test_seed_roles_are_exactly_the_compared_pair_with_the_defined_alias():
    title, body = _seed_title_and_body()
    roles = detect_roles(title, body)
    assert [r.name for r in roles] == ["Applied Scientist", "Machine Learning Engineer"]
    mle = roles[1]
    assert mle.aliases[0] == "MLE"  # defined in the text as "Machine Learning Engineer (MLE)"
    assert "Product Manager" not in [r.name for r in roles]  # "the PM Interview Playbook" is a book, not a role


@pytest.mark.parametrize(
    "name, expected",
    [
        ("machine learning engineer", "Machine Learning Engineer"),
        ("MLE", "Machine Learning Engineer"),
        ("mle", "Machine Learning Engineer"),
        ("ML engineer", "Machine Learning Engineer"),
        ("  ml-engineer ", "Machine Learning Engineer"),
        ("MLEs", "Machine Learning Engineer"),
        ("Applied Scientist", "Applied Scientist"),
        ("applied scientists", "Applied Scientist"),
        ("as", "Applied Scientist"),  # a user typing the alias in lower case is still unambiguous here
    ],
)
def test_resolve_role_names_and_aliases(name, expected):
    assert resolve_role(name, SEED_ROLES) == expected


@pytest.mark.parametrize("name", ["Data Scientist", "PM", "wizard", ""])
def test_unknown_role_lists_the_known_ones(name):
    with pytest.raises(UnknownRoleError) as err:
        resolve_role(name, SEED_ROLES)
    assert "Applied Scientist" in str(err.value) and "Machine Learning Engineer" in str(err.value)
    assert err.value.known == ["Applied Scientist", "Machine Learning Engineer"]


def test_unknown_role_with_empty_library_says_to_ingest():
    with pytest.raises(UnknownRoleError, match="ingest"):
        resolve_role("MLE", [])


def test_roles_mentioned_is_word_boundary_and_case_aware():
    assert roles_mentioned("Interview as a candidate, as usual.", SEED_ROLES) == []
    assert roles_mentioned("Most MLEs design systems.", SEED_ROLES) == ["Machine Learning Engineer"]
    assert roles_mentioned("MLE-style questions", SEED_ROLES) == ["Machine Learning Engineer"]
    assert roles_mentioned("SAMLE tokens and EMLE", SEED_ROLES) == []
    assert roles_mentioned("In Applied Scientist interviews and MLE loops", SEED_ROLES) == [
        "Applied Scientist",
        "Machine Learning Engineer",
    ]
    assert roles_mentioned("an AS loop", SEED_ROLES) == ["Applied Scientist"]
    assert roles_mentioned("applied scientists and ml engineers", SEED_ROLES) == [
        "Applied Scientist",
        "Machine Learning Engineer",
    ]


def test_roles_mentioned_defaults_to_the_lexicon():
    assert roles_mentioned("Site Reliability Engineers and a TPM") == [
        "Site Reliability Engineer",
        "Technical Program Manager",
    ]
    assert roles_mentioned("read the PM Interview Playbook") == []
    assert roles_mentioned("talk to the PM about it") == ["Product Manager"]


def test_title_vs_and_defined_roles_outside_the_lexicon():
    roles = detect_roles(
        "Quantitative Researcher vs Software Engineer Interview at a Fictional Fund",
        "A Quantitative Researcher (QR) builds models. QR loops test probability. "
        "A Software Engineer (SWE) builds systems.",
    )
    names = [r.name for r in roles]
    assert names == ["Quantitative Researcher", "Software Engineer"]
    qr = next(r for r in roles if r.name == "Quantitative Researcher")
    assert qr.aliases == ["QR"]
    assert resolve_role("qr", roles) == "Quantitative Researcher"


def test_single_passing_mention_is_not_a_topic():
    roles = detect_roles(
        "How to Prepare for Data Engineer Interviews",
        "Data Engineer loops test SQL. Unlike a Product Manager, a Data Engineer writes pipelines.",
    )
    assert [r.name for r in roles] == ["Data Engineer"]


def test_plain_names_are_accepted_as_roles():
    """Callers that only keep canonical names (rubric items' ``roles``) still get alias resolution."""
    assert resolve_role("mle", ["Applied Scientist", "Machine Learning Engineer"]) == "Machine Learning Engineer"
    assert roles_mentioned("Most MLEs", ["Machine Learning Engineer"]) == ["Machine Learning Engineer"]
    with pytest.raises(UnknownRoleError):
        resolve_role("SRE", ["Applied Scientist"])


def test_parenthesised_words_that_are_not_abbreviations():
    roles = detect_roles(
        "Fictional Software Engineer Interview Notes",
        "A Software Engineer (Backend) and a Software Engineer (Meta) differ. Machine Learning Engineers (MLEs) "
        "build pipelines; MLE loops test systems.",
    )
    swe = next(r for r in roles if r.name == "Software Engineer")
    assert "Backend" not in swe.aliases and "Meta" not in swe.aliases
    mle = next(r for r in roles if r.name == "Machine Learning Engineer")
    assert mle.aliases[0] == "MLE"


def test_shouted_text_is_not_a_role_mention():
    assert roles_mentioned("PRACTICE AS MUCH AS YOU CAN", SEED_ROLES) == []
    assert roles_mentioned("Compare AS vs MLE loops", SEED_ROLES) == ["Applied Scientist", "Machine Learning Engineer"]


# ------------------------------------------------------------------------------------------------ seniority levels
@pytest.mark.parametrize("name, expected", [
    ("Senior Software Engineer", ("Software Engineer", "Senior")),
    ("Staff Software Engineer", ("Software Engineer", "Staff")),
    ("Senior Staff Software Engineer", ("Software Engineer", "Senior Staff")),
    ("Sr. SWE", ("Software Engineer", "Senior")),
    ("SWE II", ("Software Engineer", "II")),
    ("L5 Software Engineer", ("Software Engineer", "L5")),
    ("Software Engineer (L5)", ("Software Engineer", "L5")),
    ("senior data scientist", ("Data Scientist", "Senior")),
    ("Machine Learning Engineer", ("Machine Learning Engineer", None)),
    ("MLE", ("Machine Learning Engineer", None)),
])
def test_role_names_with_a_level_resolve_to_base_role_and_level(name, expected):
    from coach.roles import resolve_role_level

    assert resolve_role_level(name, lexicon_roles()) == expected


def test_levels_alone_and_unknown_bases():
    from coach.errors import UnknownRoleError
    from coach.roles import resolve_role, resolve_role_level

    assert resolve_role_level("L5", ["Software Engineer"]) == ("Software Engineer", "L5")
    with pytest.raises(UnknownRoleError):
        resolve_role_level("L5", ["Software Engineer", "Data Scientist"])  # which role's L5?
    with pytest.raises(UnknownRoleError):
        resolve_role_level("Senior Astronaut", lexicon_roles())
    assert resolve_role("Senior Software Engineer", ["Software Engineer"]) == "Software Engineer"


def test_role_levels_found_next_to_role_mentions():
    from coach.roles import role_levels

    text = ("The ladder: Data Scientist I, Data Scientist II (L4), Senior Data Scientist and Staff Data Scientist. "
            "As a Data Scientist I learned a lot.")
    assert role_levels(text, lexicon_roles()) == {"Data Scientist": ["I", "II", "L4", "Senior", "Staff"]}
