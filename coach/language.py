"""Is a question written in English? The embedding model and the library are English-only.

A script check (CJK, Cyrillic, Arabic, ...) and a function-word count for the common Latin-script languages; a
foreign word or a company name inside an English question does not make it foreign (function words decide).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable

from coach.english import english_word  # its dictionary loads on first use

_SCRIPTS = {
    "CJK": "Chinese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean", "CYRILLIC": "Russian",
    "ARABIC": "Arabic", "HEBREW": "Hebrew", "DEVANAGARI": "Hindi", "THAI": "Thai", "GREEK": "Greek",
    "BENGALI": "Bengali", "TAMIL": "Tamil",
}
# Function words that are not also English words (so "a", "in", "do", "is" are left out).
_FUNCTION_WORDS = {
    "French": "le la les des du une est et pour que qui dois je mon ma mes avec combien comment quel quelle quels "
              "quelles faut il se aux au pas sur dans vous ce sont entretien entretiens être avoir puis-je dois-je "
              "mais ou où nous leur sont mon votre",
    "Spanish": "el los las del una es y para que cómo como cuántas cuántos cuánto cuánta debo mi mis con por se "
               "antes qué cuál cuáles entrevista entrevistas puedo tengo hay sobre muy pero también",
    "German": "der die das den dem des ein eine einen ist und für wie lange sollte mein meine ich mit nicht zu im "
              "auf was welche soll sind kann muss vorstellungsgespräch bewerbung oder aber auch",
    "Italian": "il lo gli di del della delle una è per che come quali quanto quanta dovrei mio mia alla al fine "
               "sono colloquio domande posso devo cosa perché anche nel nella",
    "Portuguese": "os da das um uma é para que como quanto quanta quantos quantas devo meu minha dura com não em "
                  "entrevista posso tenho tem na nas nos pelo pela sobre também mas você isso",
    "Dutch": "de het een en van voor hoe lang moet mijn ik met niet zijn wat welke sollicitatie",
    "Swedish": "hur lång långt ska skall mitt jag och att för med inte vad vilka vilken är det en ett kan "
               "anställningsintervju intervjun lön",
    "Danish or Norwegian": "hvor lang langt skal mitt mit jeg og å med ikke hva hvad hvilke er det "
                           "jobbintervju jobsamtale",
    "Polish": "jak jaki jaka jakie ile czy mój moje moja się na nie jest dla co rozmowa rozmowie kwalifikacyjna "
              "powinienem mogę",
    "Turkish": "nasıl ne kadar mı mi mu mü için bir ve ile benim mülakat görüşme olmalı hangi neden",
    "Indonesian or Malay": "bagaimana berapa lama apa apakah saya untuk yang dengan dan tidak harus wawancara kerja "
                           "biasanya sebaiknya",
}
_FOREIGN = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_ENGLISH = frozenset(
    "the a an to of is are do does did how what which who why when where should can could would will i my me you "
    "your for in on at and or with about long many much it be this that get have has need any there".split())
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.U)


def _script(ch: str) -> str | None:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for key, lang in _SCRIPTS.items():
        if name.startswith(key) or f" {key} " in f" {name} ":
            return lang
    return None


def foreign_language(text: str, knows: Callable[[str], bool] | None = None) -> str | None:
    """The language ``text`` looks written in when it is not English, else None. ``knows`` tells whether the
    (English) library uses a word: a question in a language no list here knows, written without accents ("Coding
    interview ki taiyari kaise karein?"), has no English function word and mostly words the library never uses."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    scripts: dict[str, int] = {}
    for ch in letters:
        if ord(ch) > 0x24F:  # beyond Latin Extended
            lang = _script(ch)
            if lang:
                scripts[lang] = scripts.get(lang, 0) + 1
    if scripts:
        lang, n = max(scripts.items(), key=lambda kv: kv[1])
        if n >= 0.3 * len(letters):
            # Kana anywhere means Japanese, even when most characters are kanji.
            return "Japanese" if "Japanese" in scripts else lang
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    english = sum(1 for w in words if w in _ENGLISH)
    best, hits = None, 0
    for lang, vocab in _FOREIGN.items():
        n = sum(1 for w in words if w in vocab)
        if n > hits:
            best, hits = lang, n
    if "¿" in text or "¡" in text:
        return "Spanish"
    if best and hits >= 2 and hits > english:
        return best
    # A Latin-script language none of the lists knows: several words with letters English does not use, and no
    # English function word at all (a foreign name inside an English question has those around it).
    accented = sum(1 for w in words if any(ord(ch) > 0x7F for ch in w))
    if len(words) >= 3 and accented >= 2 and not english:
        return "a language other than English"
    if knows is not None and len(words) >= 4 and not english:
        unknown = [w for w in words if not knows(w)]
        # Library terms can make up half of such a question ("System design interview ke liye kaise prepare
        # karu?"): three words that neither the library nor English's dictionary knows still mark it; a capitalised
        # one may be a name, so only lower-case words count.
        strange = [w for w in _WORD.findall(text) if w.islower() and not knows(w.lower()) and not english_word(w)]
        if 2 * len(unknown) > len(words) or len(strange) >= 3:
            return "a language other than English"
    return None


def english_only_reply(language: str) -> str:
    """The polite reply to a question in another language."""
    return (f"Sorry, I can only help in English: the articles in the library and my answers are in English, and this "
            f"question looks like it is in {language}. Please ask it again in English, for example “How long should "
            f"I prepare for coding interviews?”")
