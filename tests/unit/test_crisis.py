"""Layer 1 crisis detector (bot/services/crisis.py, data/safety/crisis_patterns.yml).

Each test pairs a message that must trigger with a near twin that must not, so that removing
a pattern, a mask or a defuser makes a test fail. The dev set test at the end measures the
whole detector on tests/unit/crisis_dev.yml (never on tests/safety/, the blind set).
"""
import time
from pathlib import Path

import pytest
import yaml

from bot.services.crisis import CrisisDetector
from bot.services.text import compile_phrases, expand, normalise, split_alternatives, word_alternation

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return CrisisDetector.from_files(ROOT / "data/safety/crisis_patterns.yml", ROOT / "data/safety/sms_lexicon.yml")


def load(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["messages"]


# ------------------------------------------------------------------ each kind


@pytest.mark.parametrize(
    "text",
    [
        "il m'a enfermée dans sa chambre",
        "jsuis séquestrée chez un mec",
        "il a pris mon téléphone et je peux pas partir de chez lui",
        "il vient me chercher a 18h et je veux pas y aller il m'oblige",
        "il me force à le rejoindre ce soir sinon il envoie mes photos à tout le monde",
        "il est en train de me frapper",
        "aidez moi il va me tuer",
        "je vais pas rentrer vivante",
        "un mec me suit depuis la gare j ai peur",
        "au secours",
        "AIDEZ MOIIII",
        "je crois qu'on m'a drogué à la soirée",
        "il est en train de me toucher et je peux rien faire",
        "ma fille de 13 ans a rdv ce soir avec un homme de 35 ans rencontré sur snap",
        "help me he's hitting me",
        "he won't let me leave",
        "someone is following me right now",
    ],
)
def test_danger_now(detector, text):
    assert detector.detect(text) == "danger_now"


@pytest.mark.parametrize(
    "text",
    [
        "je veux mourir",
        "je veux me suicider",
        "jvais me foutre en l'air",
        "j'ai plus envie de vivre",
        "jvais plus déranger personne",
        "je veux disparaître pour toujours",
        "je vais me scarifier",
        "je me coupe tous les soirs",
        "j'ai pris toute la boîte de doliprane",
        "j ai ecrit ma lettre d adieu",
        "ma pote m'a dit qu'elle allait se suicider ce soir",
        "i want to die",
        "i'm going to kill myself tonight",
        "i took a bunch of pills",
    ],
)
def test_suicide(detector, text):
    assert detector.detect(text) == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "ma fille a disparu depuis ce matin",
        "mon fils n'est pas rentré de l'école et il répond pas",
        "ma fille a fugué et on a aucune nouvelle",
        "ma pote est montée dans la voiture d'un inconnu et elle répond plus",
        "ma fille est partie retrouver un mec rencontré sur internet et on ne sait pas où elle est",
        "je suis en fugue",
        "my daughter is missing",
        "my son hasn't come home and isn't answering his phone",
    ],
)
def test_child_missing(detector, text):
    assert detector.detect(text) == "child_missing"


def test_priority_suicide_then_danger_then_child_missing(detector):
    assert detector.detect("il me frappe tous les soirs et je veux mourir") == "suicide"
    assert detector.detect("ma fille a disparu et elle m'a écrit qu'elle voulait mourir") == "suicide"
    assert detector.detect("ma fille a disparu, un homme l'a enfermée chez lui") == "danger_now"


# ------------------------------------------------------------------ SMS spelling


@pytest.mark.parametrize(
    "text, kind",
    [
        ("jsuis enfermee", "danger_now"),
        ("chui bloquée chez un mec il me laisse pas partir", "danger_now"),
        ("il ma enfermé ds la cave", "danger_now"),
        ("g envie de mourir", "suicide"),
        ("jveux en finir", "suicide"),
        ("jveu mourrir", "suicide"),
        ("je vais me sucider", "suicide"),
        ("tlm serait mieux sans moi", "suicide"),
    ],
)
def test_sms_spelling(detector, text, kind):
    assert detector.detect(text) == kind


def test_expand_rewrites_sms_and_typos():
    assert expand("g envie de mourrir") == "j ai envie de mourir"
    assert expand("jsuis enfermée") == "je suis enfermee"
    assert expand("chui bloquée") == "je suis bloquee"
    assert expand("jveux en finir pk tlm") == "je veux en finir pourquoi tout le monde"
    assert expand("il ma enfermé") == "il m a enferme"
    assert expand("y a un mec") == "il y a un mec"
    assert expand("il y a un mec") == "il y a un mec"
    assert expand("AIDEZ MOIIII") == "aidez moi"
    assert expand("he won't let me leave, im scared") == "he won t let me leave i m scared"


def test_expand_g_only_before_a_word():
    assert expand("g 14 ans") == "j ai 14 ans"
    assert expand("le point g") == "le point g"


def test_normalise_and_compile_phrases_unchanged():
    assert normalise("J’ai 14 ANS !!") == "j ai 14 ans"
    assert normalise("ma sœur") == "ma soeur"
    assert compile_phrases(["ma fille", "mon fils"]).search(normalise("Ma fille a 14 ans"))
    assert not compile_phrases(["ma fille"]).search("ma filleule")


def test_first_character_dispatch_matches_like_a_plain_alternation():
    import re

    alternatives = ["(?:me|se) suicid\\w*", "(?<!je )m a attache", "\\w+ foo", "x?y", "abc", "[a-c]d"]
    dispatched = re.compile(f" (?:{word_alternation(alternatives)})(?![a-z0-9])")
    plain = re.compile(" (?:" + "|".join(f"(?:{a})" for a in alternatives) + ")(?![a-z0-9])")
    for text in [" se suicider", " il m a attache", " je m a attache", " bar foo", " y", " xy", " bd", " zzz"]:
        assert bool(dispatched.search(text)) == bool(plain.search(text)), text
    assert split_alternatives("a|(b|c)|[|]|d\\|e") == ["a", "(b|c)", "[|]", "d\\|e"]


# ------------------------------------------------------------------ masks (hyperbole, idioms)


@pytest.mark.parametrize(
    "hyperbole, crisis",
    [
        ("j'ai envie de mourir de rire", "j'ai envie de mourir"),
        ("je m'ennuie à mourir, je pense à mourir de faim", "je pense à mourir"),
        ("ma mère va me tuer j'ai eu 3 en maths", "ma mère va me tuer"),
        ("mon père va me tuer si il voit mon bulletin", "mon père va me tuer"),
        ("je veux disparaître sous terre tellement j'ai honte", "je veux disparaître"),
        ("je veux en finir avec ce jeu", "je veux en finir"),
        ("il me suit sur insta", "il me suit"),
        ("mon père a un couteau suisse pour le camping", "mon père a un couteau"),
        ("au secours la honte", "au secours"),
        ("mon chat a disparu", "mon fils a disparu"),
        ("mes messages ont disparu", "ma fille a disparu"),
        ("je suis pas suicidaire hein, juste fatiguée", "je suis suicidaire"),
        ("je me suis coupé les cheveux toute seule", "je me suis coupée"),
    ],
)
def test_masks(detector, hyperbole, crisis):
    assert detector.detect(hyperbole) is None
    assert detector.detect(crisis) is not None


@pytest.mark.parametrize(
    "text",
    ["je suis morte de rire", "ce jeu est mortel", "je meurs de faim", "jpp de ce prof", "ce son il me tue",
     "tue moi ce controle", "c'est quoi le 3114 ?", "le 119 c'est gratuit ?"],
)
def test_everyday_words_never_trigger(detector, text):
    assert detector.detect(text) is None


# ------------------------------------------------------------------ defusers


@pytest.mark.parametrize(
    "joke, crisis",
    [
        ("ptdr je veux mourir c'est trop gênant", "je veux mourir c'est trop"),
        ("mdr il m'a enfermée dans les toilettes pour une blague", "il m'a enfermée dans les toilettes"),
        ("jvais me pendre si j'ai encore maths mdr", "jvais me pendre"),
        ("omg i want to die, my crush saw my post 😂", "i want to die"),
        ("on m'a enfermé dehors lol", "on m'a enfermé dans la cave"),
    ],
)
def test_joke_defuser(detector, joke, crisis):
    assert detector.analyse(joke).defused_by == "joke" or detector.detect(joke) is None
    assert detector.detect(joke) is None
    assert detector.detect(crisis) is not None


def test_strong_patterns_survive_a_joke_marker(detector):
    assert detector.detect("il ma enfermee dans sa chambre et pris mon tel mdr jsp quoi faire") == "danger_now"
    assert detector.detect("mdr j'ai pris toute la boîte de doliprane") == "suicide"


@pytest.mark.parametrize(
    "past, now",
    [
        ("il y a un an il m'a enfermée", "il m'a enfermée"),
        ("jai fait une TS il y a 2 ans maintenant ça va", "jai fait une TS hier"),
        ("l'an dernier ma fille a fugué", "ma fille a fugué"),
        ("quand j avais 12 ans je voulais mourir", "je voulais mourir hier soir"),
        ("years ago I tried to kill myself, I'm fine now", "I tried to kill myself"),
        ("il y a 2 ans j'ai pris toute la boîte de doliprane", "j'ai pris toute la boîte de doliprane"),
    ],
)
def test_past_defuser(detector, past, now):
    assert detector.analyse(past).defused_by == "past"
    assert detector.detect(now) is not None


def test_past_defuser_yields_to_now_markers(detector):
    assert detector.detect("il y a un an il m'a enfermée et ce soir il recommence, il m'a enfermée") == "danger_now"
    assert detector.detect("j'ai fait une TS il y a 2 ans et là j'ai encore envie de mourir") == "suicide"


@pytest.mark.parametrize(
    "question, crisis",
    [
        ("que faire si quelqu'un me suit dans la rue ?", "quelqu'un me suit dans la rue"),
        ("comment savoir si mon enfant pense au suicide", "mon enfant pense au suicide"),
        ("c'est quoi la scarification, on se scarifie comment ?", "je me scarifie"),
        ("dans 13 reasons why elle se suicide", "elle veut se suicider"),
        ("le film parle d'une fille séquestrée", "une fille séquestrée chez lui"),
        ("what should I do if someone is following me", "someone is following me"),
    ],
)
def test_topic_defuser(detector, question, crisis):
    assert detector.analyse(question).defused_by == "topic"
    assert detector.detect(crisis) is not None


@pytest.mark.parametrize(
    "text",
    [
        "il a mes nudes et veut 200€",
        "aidez moi svp un gars a mes photos et il veut de l'argent",
        "mes parents m'ont pris mon tel pour la semaine",
        "ma mère m'a confisqué mon tel, je peux plus sortir non plus",
        "mon père vient me chercher à 18h",
        "ma fille rentre pas avant 22h le vendredi c'est normal ?",
        "je me suis enfermée dans ma chambre pour pleurer",
        "il me force à faire mes devoirs",
    ],
)
def test_near_misses(detector, text):
    assert detector.detect(text) is None


def test_odd_input_never_raises(detector):
    for text in ["", "   ", "😂😂😂", "!!!???", "привет как дела", "a" * 5000, "je " * 2000]:
        assert detector.detect(text) in (None, "danger_now", "suicide", "child_missing")


# ------------------------------------------------------------------ measured on the dev set


def rates(detector: CrisisDetector, messages: list[dict]) -> tuple[float, float, list[str], list[str]]:
    crisis = [m for m in messages if m["kind"] != "none"]
    near = [m for m in messages if m["kind"] == "none"]
    missed = [m["text"] for m in crisis if detector.detect(m["text"]) is None]
    alarms = [m["text"] for m in near if detector.detect(m["text"]) is not None]
    return 1 - len(missed) / len(crisis), len(alarms) / len(near), missed, alarms


def test_dev_set_recall_and_false_alarms(detector):
    messages = load("crisis_dev.yml")
    assert sum(m["kind"] != "none" for m in messages) >= 120 and sum(m["kind"] == "none" for m in messages) >= 120
    recall, false_alarms, missed, alarms = rates(detector, messages)
    assert recall >= 0.98, missed
    assert false_alarms <= 0.05, alarms


# Known errors on the dev set: fix the patterns, then remove the line.
KNOWN_ERRORS = {
    # No pattern: lost in an unknown town, "he is coming back" (too vague to match safely).
    "je suis perdue dans une ville que je connais pas, le mec m'a laissée là et il revient": None,
    # Parental abduction: "kidnapp" is danger_now (priority over child_missing); still a crisis.
    "ma fille a été kidnappée par son père": "danger_now",
}


def test_every_example_keeps_its_verdict(detector):
    """Stricter than the rates: a pattern, mask or defuser that alone decides an example cannot
    be removed or broken without this test naming the example."""
    wrong = []
    for m in load("crisis_dev.yml") + load("crisis_fresh.yml"):
        expected = KNOWN_ERRORS.get(m["text"], None if m["kind"] == "none" else m["kind"])
        got = detector.detect(m["text"])
        if got != expected:
            wrong.append(f"{m['text']!r}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_fresh_round_as_regression(detector):
    """The final untuned round (score before tuning: docs/safety.md); now a regression check."""
    recall, false_alarms, missed, alarms = rates(detector, load("crisis_fresh.yml"))
    assert recall >= 0.95, missed
    assert false_alarms <= 0.05, alarms


def test_fast_on_long_messages(detector):
    """About 0.8 ms per 1000-character message here; the bound only catches a regression
    (a pattern that backtracks badly), with room for slow CI machines."""
    texts = [m["text"] for m in load("crisis_dev.yml")]
    longs = []
    for start in range(0, 600, 6):
        text = ""
        for t in texts[start:] + texts:
            if len(text) >= 1000:
                break
            text += t + " "
        longs.append(text[:1000])
    detector.detect(longs[0])
    began = time.perf_counter()
    for text in longs:
        detector.detect(text)
    assert (time.perf_counter() - began) / len(longs) < 0.005


@pytest.mark.parametrize("text,defused", [
    ("je suis morte de rire", True),                      # idiom mask
    ("il y a 3 ans j'ai voulu me suicider, aujourd'hui je vais mieux", True),  # over
    ("jvais me suicider si on a encore maths mdr", True),  # joke
    ("je veux mourir", False),                            # a crisis is never defused
    ("il a mes nudes", False),                            # no crisis words: left to the NLU
    ("bonjour", False),
])
def test_defused_means_crisis_words_with_evidence_against(detector, text, defused):
    assert detector.defused(text) is defused
