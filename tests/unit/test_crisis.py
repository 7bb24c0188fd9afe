"""Layer 1 crisis detector (bot/services/crisis.py, data/safety/crisis_patterns.yml).

Each test pairs a message that must trigger with a near twin that must not, so that removing
a pattern, a mask or a defuser makes a test fail. The dev set test at the end measures the
whole detector on data/safety/examples/crisis_dev.yml (never on tests/safety/, the blind set).
"""
import time
from pathlib import Path

import pytest
import yaml

from bot.services.crisis import CrisisDetector
from bot.services.text import compile_phrases, expand, normalise, split_alternatives, word_alternation

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "safety" / "examples"


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return CrisisDetector.from_files(ROOT / "data/safety/crisis_patterns.yml", ROOT / "data/safety/sms_lexicon.yml")


def load(name: str) -> list[dict]:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))["messages"]


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
        ("🆘", "danger_now"),  # the SOS emoji sent on its own, like "sos"
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


def test_expand_glued_words_typos_and_english_shorthand():
    """Round 2 lexicon entries (issue #3): apostrophes dropped, words glued, typos, English."""
    assert expand("ilma enfermée dans lappart") == "il m a enfermee dans l appart"
    assert expand("il mgarde a lhotel") == "il me garde a l hotel"
    assert expand("jesuis kidnapée") == "je suis kidnappee"
    assert expand("he comes tonite halp") == "he comes tonight help"
    assert expand("il a un couto") == "il a un couteau"


def test_expand_g_only_before_a_word():
    assert expand("g 14 ans") == "j ai 14 ans"
    assert expand("le point g") == "le point g"


def test_normalise_and_compile_phrases_unchanged():
    assert normalise("J’ai 14 ANS !!") == "j ai 14 ans"
    assert normalise("ma sœur") == "ma soeur"
    assert compile_phrases(["ma fille", "mon fils"]).search(normalise("Ma fille a 14 ans"))
    assert not compile_phrases(["ma fille"]).search("ma filleule")


@pytest.mark.parametrize(
    "disguised",
    [
        "je veux m\u200bourir",  # zero-width space inside a word
        "je veux mou\u00adrir",  # soft hyphen
        "j\u0435 v\u0435u\u0445 m\u043eurir",  # Cyrillic е, х, о among Latin letters
        "je veux m0urir",
        "je veux me s u i c i d e r",
    ],
)
def test_disguised_letters_are_undone(detector, disguised):
    assert normalise(disguised).endswith(("mourir", "suicider"))
    assert detector.detect(disguised) == "suicide"


def test_undisguising_leaves_numbers_scripts_and_sms_alone():
    assert normalise("rdv 17h30, j'ai 14 ans, le 3114") == "rdv 17h30 j ai 14 ans le 3114"
    assert normalise("dem1 2nite a2m1 bi1 mp3") == "dem1 2nite a2m1 bi1 mp3"
    assert normalise("y a t il un truc c a d") == "y a t il un truc c a d"
    assert normalise("\u042f \u0445\u043e\u0447\u0443") == ""  # Russian stays Russian (then drops out)


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
    "asking_for_a_way",
    [
        "comment on fait pour mourir sans douleur",
        "c'est quoi la façon la plus rapide de mourir",
        "combien de cachets il faut pour mourir",
        "combien de doliprane pour ne plus se réveiller",
        "c'est quoi la dose pour pas se réveiller",
        "what's the easiest way to die",
        "mourir sans souffrir c'est possible ? c'est pour un exposé",  # never a homework question
    ],
)
def test_looking_for_a_way_to_die_is_suicide_even_as_a_question(detector, asking_for_a_way):
    assert detector.detect(asking_for_a_way) == "suicide"
    assert detector.strong_kind(expand(asking_for_a_way)) == "suicide"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("que faire si je veux mourir", "suicide"),  # the writer's own wish, not a general question
        ("qu'est ce que je dois faire si j'ai envie de mourir", "suicide"),
        ("que faire si mon ami veut mourir", None),  # how to help: the friend's answer
        ("que faire si je suis enfermée là", "danger_now"),  # a state, now
        ("c'est quoi le numéro de la police, il est devant ma porte", "danger_now"),
        ("quel numéro appeler, ma fille a disparu depuis ce matin", "child_missing"),
        ("c'est quoi le numéro de la police", None),
        ("combien de doliprane je peux prendre pour ma migraine", None),
        ("c'est quoi la dose max de doliprane par jour", None),
        ("comment on meurt dans minecraft", None),
        ("quelle dose de doliprane pour un enfant de 20 kg", None),
    ],
)
def test_questions_about_oneself_and_about_others(detector, text, kind):
    assert detector.detect(text) == kind


@pytest.mark.parametrize(
    "joke, retracted, kind",
    [
        ("je veux mourir mdr", "je veux mourir mdr non sérieux", "suicide"),
        ("je veux mourir lol", "je veux mourir je rigole pas", "suicide"),
        ("i wanna kill myself lol", "i wanna kill myself lol not joking", "suicide"),
        ("je veux vraiment mourir lol", "lol jsuis pas drôle là je veux vraiment mourir", "suicide"),
        ("il est devant chez moi mdr", "il est devant chez moi mdr jrigole pas j'ai peur", "danger_now"),
    ],
)
def test_a_joke_taken_back_no_longer_defuses(detector, joke, retracted, kind):
    assert detector.detect(joke) is None
    assert detector.detect(retracted) == kind
    assert detector.judge(retracted) == (kind, False)


def test_serious_alone_is_an_interjection(detector):
    """"sérieux ?!" does not take back a joke."""
    assert detector.detect("sérieux je veux mourir mdr") is None


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


# ------------------------------------------------------------------ round 2 families (issue #3)
# One test per pattern family added for data/safety/examples/crisis_fresh2.yml: each message is caught
# by that family alone, and its near twin (same words, no emergency) must stay quiet.


@pytest.mark.parametrize(
    "crisis, twin",
    [
        # door locked / key kept, with someone or no way out
        ("la porte est verrouillée de l'extérieur", "la porte est verrouillée, j'ai oublié mes clés chez ma tante"),
        ("il a mis un cadenas je peux pas sortir", "j'ai mis un cadenas sur mon vélo"),
        # car doors locked, car that does not stop
        ("il a verrouillé les portières", "ma mère a lavé les portières"),
        ("he won't stop the car and let me out", "he won't stop texting me"),
        # shoes, papers, clothes taken so that one cannot leave
        ("mon mec a caché mes chaussures et mes papiers pour que je reste", "ma soeur a pris mes chaussures pour la soirée"),
        # "tu sors pas tant que t'as pas remboursé"
        ("elle dit que je sors pas tant que j'ai pas remboursé", "ma mère dit que je sors pas tant que j'ai pas rangé"),
        # someone else held: a kid + escape blocked + a place or an adult
        ("ma pote est dans un appart elle peut pas partir", "ma pote peut pas sortir ce soir elle est punie"),
        ("Ma fille m'écrit qu'un homme l'empêche de partir", "ma fille veut partir en vacances"),
        # a kid with an adult now
        ("ma fille est en ce moment avec un adulte qu'elle a vu sur internet", "ma fille est avec sa tante ce soir"),
        # taken to a hotel, to strangers
        ("il veut m'emmener chez un mec que je connais pas", "il veut m'emmener au cinéma"),
        # "pas le choix" with a pick-up or men
        ("il passe me prendre pour aller chez ses potes et j'ai pas le choix", "j'ai pas le choix je dois aller chez ma grand mère"),
        # forced to go by someone
        ("mon copain me force à aller chez son cousin ce soir", "il me force à faire mes devoirs"),
        # a "client" or prostitueur, now
        ("un client va arriver dans la chambre et je veux pas", "mon père voit un client demain au bureau"),
        ("le prostitueur est dans la chambre", "c'est quoi un prostitueur"),
        # phone taken, in a flat, men arriving
        ("on est dans un airbnb avec des hommes qui arrivent et j'ai plus mon tel", "on est dans un airbnb pour les vacances"),
        # someone close hit now
        ("des mecs frappent mon pote devant la gare là maintenant", "mon pote frappe fort au tennis"),
        # English: being beaten now, not safe
        ("my son is being beaten up outside", "my son is being bullied at school"),
        ("help im not safe", "is this app safe"),
        # threat on the next move
        ("il dit que si je sors de la voiture il me tue", "si je rate mon bac il me tue"),
        # SOS sent by a friend
        ("ma pote m'envoie des sos", "ma pote m'envoie des memes"),
    ],
)
def test_round2_danger_families(detector, crisis, twin):
    assert detector.detect(crisis) == "danger_now", detector.analyse(crisis)
    assert detector.detect(twin) is None, detector.analyse(twin)


@pytest.mark.parametrize(
    "crisis, twin",
    [
        ("je devrais pas exister", "ce genre de jeu devrait pas exister"),
        ("j'ai écrit à mes parents au cas où demain je suis plus là", "au cas où demain je suis en retard"),
        ("ce soir c'est la dernière fois", "ce soir c'est la dernière fois que je joue à ce jeu"),
        ("j'ai plus rien je vais mettre fin à tout ça", "je vais mettre fin à tout ça avec lui"),
        ("ce soir je vais le faire, désolée maman", "ce soir je vais le faire, mon gâteau"),
        ("je regarde la boîte de doliprane depuis une heure", "je regarde la télé depuis une heure"),
        ("je vais prendre tout ce qu'il y a dans la pharmacie", "je vais prendre tout ce qu'il y a au buffet"),
        ("ma fille s'est scarifiée cette nuit", "ma fille s'est maquillée cette nuit"),
        ("personne me remarquerait si je mourrais", "personne me remarquerait si je changeais de coiffure"),
    ],
)
def test_round2_suicide_families(detector, crisis, twin):
    assert detector.detect(crisis) == "suicide", detector.analyse(crisis)
    assert detector.detect(twin) is None, detector.analyse(twin)


@pytest.mark.parametrize(
    "near, family",
    [
        ("comment on sait si qqn est séquestré", "topic"),                       # comment on sait
        ("si un jour on m'enferme j'appelle qui", "topic"),                      # si un jour
        ("dans gta je me suis fait kidnapper", "topic"),                         # games
        ("on fait un escape game on est enfermés", "topic"),
        ("cette chanson parle d'une fille qui veut mourir", "topic"),            # songs, stories
        ("j'écris une histoire où un mec séquestre une fille", "topic"),
        ("t'as vu aux infos une fille de 14 ans a disparu", "topic"),            # news
        ("l'an dernier j'ai fait une ts, maintenant je vais mieux", "past"),     # resolved
        ("je me scarifiais mais c'est fini depuis longtemps", "past"),
        ("ma fille a fugué le mois dernier", "past"),
        ("ma copine répond plus depuis ce matin elle doit être fâchée", "joke"),  # explained away
    ],
)
def test_round2_defusers(detector, near, family):
    assert detector.analyse(near).defused_by == family, detector.analyse(near)


def test_round2_masks(detector):
    assert detector.detect("mon petit frère me tape tout le temps il a 5 ans") is None
    assert detector.detect("mon petit frère me tape tout le temps il a 15 ans") == "danger_now"
    assert detector.detect("je me suis coupée en faisant à manger") is None


@pytest.mark.parametrize(
    "crisis, kind, twin",
    [
        # round 3 families: each crisis message relies on one family, its twin must stay quiet
        ("il a fermé derrière moi et gardé la clé, le mec est dans le salon", "danger_now", "j'ai gardé la clé de chez ma grand mère"),
        ("un autre client arrive à 23h dans la chambre", "danger_now", "un autre client arrive au magasin de ma mère"),
        ("je dois aller chez son pote pour payer ce que je lui dois, je veux pas", "danger_now", "je dois payer ce que je lui dois pour la place de concert"),
        ("il veut pas me dire où on va", "danger_now", "il veut pas me dire ce qu'on mange"),
        ("ils m'ont pris mes papiers je peux pas rentrer", "danger_now", "ils m'ont pris mes papiers à la préfecture pour le renouvellement"),
        ("il me serre le cou", "danger_now", "il me serre dans ses bras"),
        ("ils disent que je partirai quand ils l'auront décidé", "danger_now", "je partirai quand j'aurai fini"),
        ("i'm stuck at his place", "danger_now", "i'm stuck at home for the weekend"),
        ("a guy is trying to pull me into his car", "danger_now", "my dad is trying to get me into football"),
        ("j'ai plus aucune envie de continuer", "suicide", "j'ai plus envie de continuer le foot"),
        ("ça sert à rien que je reste en vie", "suicide", "ça sert à rien que je reste au lycée"),
        ("demain matin on me trouvera plus", "suicide", "demain matin on me trouvera au cdi"),
        ("mon ami a posté qu'il allait en finir", "suicide", "mon ami a posté qu'il allait au concert"),
        ("je me fais des entailles sur les bras", "suicide", "je me fais des tresses"),
        ("i just want it to be over for good", "suicide", "i want this exam to be over"),
        ("im gonna overdose tonight", "suicide", "im gonna overdo it at the gym"),
        ("ma fille devait aller au collège, le collège dit qu'elle est jamais venue", "child_missing", "ma fille est jamais venue à mes matchs"),
        ("our 13 year old left last night and hasn't returned", "child_missing", "our parcel hasn't returned"),
    ],
)
def test_round3_families(detector, crisis, kind, twin):
    assert detector.detect(crisis) == kind, detector.analyse(crisis)
    assert detector.detect(twin) is None, detector.analyse(twin)


@pytest.mark.parametrize(
    "near",
    [
        "ma prof a dit qu'elle allait nous tuer si on rendait pas le dm",          # school mask
        "my sister's hamster disappeared from its cage",                          # English pets
        "on m'a mis une claque au foot",                                          # sport mask
        "quand j'étais en 5e je voulais mourir, aujourd'hui ça va",               # resolved
        "ma fille a fugué à 14 ans, elle en a 18 maintenant et elle va bien",     # resolved age
        "une collégienne a disparu d'après le parisien",                           # news source
    ],
)
def test_round3_near_misses(detector, near):
    assert detector.detect(near) is None, detector.analyse(near)


@pytest.mark.parametrize(
    "crisis, kind, twin",
    [
        # round 4 families (tuned after round 4's untuned score was recorded)
        ("ils ont retiré la poignée de la porte", "danger_now", "j'ai réparé la poignée de la porte"),
        ("il a payé la meuf de l'annonce et il veut que je reste toute la nuit", "danger_now", "il a payé l'annonce pour vendre son scooter"),
        ("je sais même pas dans quelle ville je suis", "danger_now", "je sais pas dans quelle ville aller en vacances"),
        ("il m'a dit monte ou je te défonce", "danger_now", "il m'a dit monte ou on rate le bus"),
        ("ils veulent m'emmener en belgique cette nuit", "danger_now", "mes parents veulent m'emmener en belgique cet été"),
        ("il dit que j'ai pas le droit de dire non, ce soir c'est avec ses potes", "danger_now", "j'ai pas le droit de sortir ce soir"),
        ("il arrête pas de me frapper", "danger_now", "il arrête pas de me texter"),
        ("il a cassé la porte et il hurle", "danger_now", "il a cassé la porte du placard en jouant"),
        ("ma mère se fait taper par son copain", "danger_now", "ma mère se fait couper les cheveux"),
        ("un type dans le tram me touche", "danger_now", "un type dans le tram me regarde bizarre"),
        ("if i leave he said he'll find me and hurt me", "danger_now", "if i leave early he'll be sad"),
        ("they took my passport", "danger_now", "they checked my passport at the airport"),
        ("there's a guy in my room", "danger_now", "there's a spider in my room"),
        ("elle est dans le coffre d'une voiture", "danger_now", "mes affaires sont dans le coffre"),
        ("un mec attend devant la porte des toilettes depuis 20 min", "danger_now", "ma mère attend devant la porte de l'école"),
        ("on peut pas appeler nos parents, ils nous surveillent", "danger_now", "on peut pas appeler nos parents en colo avant 18h"),
        ("j'ai déjà choisi le pont", "suicide", "j'ai choisi le pont des arts pour la photo"),
        ("jvais pas voir demain", "suicide", "jvais pas voir le match demain"),
        ("j'ai plus envie d'être en vie", "suicide", "j'ai plus envie d'être en cours"),
        ("je viens d'avaler tout le flacon", "suicide", "je viens de finir tout le flacon de parfum"),
        ("i keep thinking about jumping in front of a train", "suicide", "i keep thinking about the train ride"),
        ("i just wanna sleep and never wake up", "suicide", "i just wanna sleep until noon"),
        ("mon fils de 9 ans est plus dans le square", "child_missing", "mon fils de 9 ans est plus au judo cette année"),
        ("my 12 year old is not at her friend's and she's not answering", "child_missing", "my 12 year old is at her friend's"),
        ("ma soeur est partie avec des mecs ce matin on a plus de nouvelles", "child_missing", "ma soeur est partie avec des copines au ciné"),
    ],
)
def test_round4_families(detector, crisis, kind, twin):
    assert detector.detect(crisis) == kind, detector.analyse(crisis)
    assert detector.detect(twin) is None, detector.analyse(twin)


@pytest.mark.parametrize(
    "near",
    [
        "mes parents vont me massacrer pour la facture de tel",        # school/bill mask, other verbs
        "en 3e je me coupais, ça fait 2 ans que j'ai arrêté",          # resolved: stopped N years ago
        "ma copine veut toujours savoir où je suis ça m'étouffe",      # "ça m'étouffe" is a feeling
    ],
)
def test_round4_near_misses(detector, near):
    assert detector.detect(near) is None, detector.analyse(near)


@pytest.mark.parametrize(
    "crisis, kind, twin",
    [
        # round 5: classes (subject x verb x sign of danger), each with a twin it must not catch
        ("le gars du snap est devant ma porte il sait où j'habite", "danger_now", "le livreur est devant ma porte il sait pas lire le code"),
        ("il a trouvé mon adresse il est en route", "danger_now", "mon père est en route il arrive dans 10 min"),
        ("je me cache dans les toilettes, le gars est dehors", "danger_now", "je me cache dans les toilettes pour fumer"),
        ("jpeux pas parler il est à côté", "danger_now", "je peux pas parler de ça à ma mère"),
        ("ma soeur m'appelle en chuchotant", "danger_now", "ma soeur m'appelle tous les soirs"),
        ("svp appelez la police je suis au 3e étage", "danger_now", "appelez la police si vous voyez ça"),
        ("on est 4 filles dans la chambre, ils nous surveillent h24", "danger_now", "ma mère me surveille h24 sur snap map"),
        ("il me surveille, je peux pas m'enfuir", "danger_now", "je peux pas fuir mes problèmes"),
        ("ils veulent me ramener à l'hôtel de force", "danger_now", "ils veulent me ramener à l'hôtel après le resto"),
        ("ils ont mon passeport et je dois rester", "danger_now", "la mairie a mon passeport pour le renouveler"),
        ("je dois travailler toutes les nuits dans le salon de massage", "danger_now", "je dois travailler tout le week end au mcdo"),
        ("le patron dit que je sortirai pas de l'hôtel avant la fin du plan", "danger_now", "je sortirai pas de ma chambre avant la fin du film"),
        ("elle dit qu'un homme la retient", "danger_now", "elle retient ses larmes"),
        ("il la frappe avec une ceinture", "danger_now", "il la frappe au tennis"),
        ("il me tient le poignet et veut pas me lâcher", "danger_now", "il me tient la main au ciné"),
        ("un mec se frotte contre moi dans le rer", "danger_now", "un chat se frotte à mes jambes"),
        ("mon ex est chez moi il refuse de partir", "danger_now", "ma fille refuse de partir en colo"),
        ("il casse tout dans le salon", "danger_now", "ce son casse tout"),
        ("un gars veut m'emmener dans une chambre", "danger_now", "un gars veut m'emmener au ciné"),
        ("mon copain m'a vendue à ses potes", "danger_now", "mon copain m'a vendu sa console"),
        ("je me réveille dans un lit que je connais pas", "danger_now", "je me réveille toujours fatiguée"),
        ("j'ai mis une chaise devant la porte", "danger_now", "j'ai mis une chaise devant le bureau"),
        ("j'ai peur pour ma vie", "danger_now", "j'ai peur pour mon bac"),
        ("he keeps telling me to get in his car", "danger_now", "he keeps telling me to get in the pool"),
        ("un adulte menace de venir à la maison", "danger_now", "ma tante menace de nous rendre visite lol"),
        ("jsuis cachée dans le placard", "danger_now", "jsuis cachée sous la couette pour lire"),
        ("j'ai peur il va revenir", "danger_now", "j'ai peur il va pleuvoir"),
        ("il me drogue", "danger_now", "il me dragouille lol"),
        ("je me suis fait agresser, il est encore là", "danger_now", "je me suis fait agresser le mois dernier, c'est fini"),
        ("je veux rentrer mais ils me laissent pas", "danger_now", "je veux rentrer chez moi, la colo c'est nul"),
        ("help im trapped", "danger_now", "help i'm bored"),
        ("je suis retenue", "danger_now", "je suis retenue pour le stage"),
        ("le monsieur veut que je le suive", "danger_now", "le prof veut que je lui rende mon devoir"),
        ("il m'a frappée et il recommence", "danger_now", "il m'a frappée au foot"),
        ("il menace ma famille si je viens pas", "danger_now", "il menace de partir si je viens pas"),
        ("mon beau-père me touche", "danger_now", "mon beau-père me touche le coeur avec ses mots"),
        ("un client arrive à 23h et j'ai 15 ans", "danger_now", "un client arrive au magasin de ma mère"),
        ("ce sera mon dernier message", "suicide", "ce sera mon dernier message de la soirée, bonne nuit"),
        ("j'ai regardé comment faire pour pas me rater", "suicide", "j'ai regardé comment faire pour pas rater le bus"),
        ("j'ai plus envie de me réveiller", "suicide", "j'ai pas envie de me réveiller demain pour les cours"),
        ("je pars ce soir pour toujours", "suicide", "je pars ce soir pour toujours à lyon avec mes parents"),
        ("ma fille est dans la voiture d'un inconnu", "child_missing", "ma fille est dans la voiture de sa tante"),
        ("ma fille devait rentrer à 18h, il est 23h et rien", "child_missing", "ma fille devait rentrer à 18h, elle est là"),
        ("ma fille est partie avec un homme qu'on connaît pas", "child_missing", "ma fille est partie avec sa copine"),
        # round 6 (tuned after round 6's untuned score was recorded)
        ("le chauffeur a pris une autre route et il répond pas quand je demande où on va", "danger_now", "le chauffeur a pris une autre route, il dit qu'on va éviter les travaux"),
        ("ils m'ont amenée dans un hôtel et ce soir j'ai 5 rdv", "danger_now", "j'ai 5 rdv chez le médecin cette semaine"),
        ("si je rentre chez ma mère il la brûle", "danger_now", "si je rentre tard ma mère la ferme à clé"),
        ("jsuis dans la salle de bain il tambourine", "danger_now", "jsuis dans la salle de bain je me maquille"),
        ("le gars rencontré sur tiktok est garé devant mon collège", "danger_now", "le bus est garé devant mon collège"),
        ("ils me frappent pour que je fasse les clients", "danger_now", "ma soeur me frappe avec son coussin"),
        ("ma copine est dans une chambre avec 3 mecs elle pleure", "danger_now", "ma copine est dans une chambre avec 3 copines elles rigolent"),
        ("mon père tient mon frère par le cou", "danger_now", "mon père tient mon frère par la main"),
        ("ce soir c'était mon tour, je pouvais pas refuser", "danger_now", "ce soir c'était mon tour de faire la vaisselle"),
        ("some guy keeps knocking on my hotel door saying i owe him", "danger_now", "i owe him a birthday present"),
        ("they said i can't go home until i pay them back", "danger_now", "i can't go home until 6 because of practice"),
        ("on me pousse dans une camionnette", "danger_now", "on pousse la camionnette en panne"),
        ("il a verouillé la chambre et il est parti", "danger_now", "il a rangé la chambre et il est parti"),
        ("il va me montrer ce qui arrive aux filles qui parlent", "danger_now", "il va me montrer ce qui arrive à la fin du film"),
        ("je compte sauter du 8ème", "suicide", "je compte sauter le 8ème chapitre"),
        ("merci pour tout, prenez soin de maman", "suicide", "prenez soin de vous, à demain"),
        ("i don't see any reason to keep living", "suicide", "i don't see any reason to keep playing"),
        ("jpense qu'à mourir", "suicide", "jpense qu'à manger"),
        ("ce soir je prends tout ce qu'il y a dans la pharmacie", "suicide", "ce soir je prends tout ce qu'il y a dans le frigo"),
        ("ma petite de 5 ans s'est perdue dans la foule", "child_missing", "ma petite de 5 ans s'est endormie dans la voiture"),
        ("ma fille est partie de l'internat cette nuit et personne sait où elle est", "child_missing", "ma fille est partie de l'internat ce matin pour le week end"),
    ],
)
def test_round5_families(detector, crisis, kind, twin):
    assert detector.detect(crisis) == kind, detector.analyse(crisis)
    assert detector.detect(twin) is None, detector.analyse(twin)


@pytest.mark.parametrize(
    "near",
    [
        "jsuis enfermée dans ma chambre a reviser",                   # "a reviser" like "pour reviser"
        "l'an dernier j'ai fait une TS, ça va mieux maintenant",       # resolved swallows "maintenant"
        "un mec m'a suivie sur insta",                                 # followed online, past tense
        "le prof de sport va nous tuer au cross demain",               # sport hyperbole
        "ma soeur m'a enfermé hors de la salle de bain",               # locked out
        "my mom's gonna kill me i broke her phone",                    # a parent's anger in English
        "i was locked in a room two years ago, still have nightmares",  # plural "nightmares" is topic
        "mon pote a écrit adieu sur le groupe, il déménage",           # goodbye explained by a move
        "mon frère me tape dessus quand on joue",                      # play-fighting
        "il me suit partout c'est mon meilleur pote",                  # a clingy friend
        "il me retient toujours à la fin du cours pour parler de mes notes",
        "est-ce que je dois appeler la police ?",                      # a question, not a cry
        "je veux disparaître de ce groupe whatsapp",
        "je vais me tuer à la tâche pour ce projet",
        "on a parlé du suicide en cours de philo",                     # topic: a class
        "ils veulent pas que je fasse des plans, mon mec m'oblige pas", # negated force
        "je peux pas appeler ma mère, elle est au travail",             # not "under watch"
        "le prof nous retient après les cours",                        # detention
        "qu'est-ce qui la retient de partir ?",                        # "what holds her back"
        "il l'a vendue à un mec sur leboncoin",                         # an object sold
        "je me cache dans ma chambre quand ils se disputent",          # habit, not now
        "je me cache derrière mon écran",                              # metaphor
        "je suis sur le pont des arts avec ma classe",                 # a visit, not a ledge
        "i'm locked out of my account",
        "jvais étrangler mon frère il m'a spoilé la série",            # a reason given: hyperbole
        "il y a 5 ans des hommes m'ont gardée dans un appart, aujourd'hui je témoigne",
    ],
)
def test_round5_near_misses(detector, near):
    assert detector.detect(near) is None, detector.analyse(near)


@pytest.mark.parametrize(
    "text, expanded",
    [
        ("jretrouve plus mon petit frere", "je retrouve plus mon petit frere"),  # j + consonant
        ("jecris avec sa tablette", "j ecris avec sa tablette"),                 # j + vowel verb
        ("il msurveille", "il me surveille"),                                   # m + force verb
        ("mon copain ma vendue", "mon copain m a vendue"),                      # ma + participle
        ("ma mere est la", "ma mere est la"),                                   # ma + noun kept
        ("elle dit quelle peut pas partir", "elle dit qu elle peut pas partir"),
        ("quelle heure", "quelle heure"),
        ("sa recommence", "ca recommence"),
        ("appeler les flics", "appeler la police"),
        ("mon ptit frere", "mon petit frere"),
    ],
)
def test_round5_elisions(text, expanded):
    assert expand(text) == expanded


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Ma fille revient avec de l'argent et des cadeaux, je crains qu'on la prostitue.", None),
        ("je soupconne qu il la fait tapiner", None),
        ("je pense qu'ils la prostituent ce soir dans un hôtel", "danger_now"),   # urgency wins
        ("je crois qu'ils la retiennent dans un appart", "danger_now"),          # held: not a suspicion
    ],
)
def test_a_parents_suspicion_of_exploitation_is_not_an_emergency(detector, text, kind):
    assert detector.detect(text) == kind, detector.analyse(text)


def test_round2_urgent_question_is_still_a_crisis(detector):
    """A question about a crisis happening now ("comment aider ... ce soir") is that crisis."""
    assert detector.detect("comment aider mon pote il dit qu'il va se tuer ce soir") == "suicide"
    assert detector.analyse("comment aider mon pote il dit qu'il va se tuer").defused_by == "topic"


def test_round2_game_names_are_not_a_topic_on_their_own(detector):
    """"rencontré sur roblox" is how grooming starts, not a game being played."""
    assert detector.detect("my kid went to meet someone from roblox and hasn't come back") == "child_missing"


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
    for m in sum((load(f"crisis_{name}.yml") for name in ("dev", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")), []):
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


def test_fresh_round2_as_regression(detector):
    """Round 2 was written before its tuning (scores before: docs/safety-eval.md); now it only
    guards the new pattern families, like rounds 3 and 4 (their untuned scores are recorded
    there too)."""
    recall, false_alarms, missed, alarms = rates(detector, load("crisis_fresh2.yml"))
    assert recall >= 0.98, missed
    assert false_alarms <= 0.03, alarms


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
    # no crisis pattern, but the markers a pattern would yield to: the NLU yields too
    ("je fais une rédaction sur la disparition d'une enfant", True),   # topic
    ("mon ex me frappait, c'est fini depuis longtemps", True),          # over
    ("ma fille a fugué il y a deux ans", True),                         # past
    ("comment aider ma pote, un homme l'a emmenée ce soir", False),     # topic, but urgent
    ("il est en bas il attend que je descende pour aller au foot", True),  # ordinary plan
    ("j'ai fini ma boite de bonbons en une soirée", True),                 # ordinary object
    ("my daughter came back after running away last week", True),          # resolved, English
    ("j'ai pris deux dolipranes pour ma migraine", True),                   # ordinary: a reason
    ("ils m'ont pris mon tel en cours, je le récupère ce soir", True),      # ordinary: given back
    ("j'ai peur qu'il me quitte", True),                                    # ordinary: heartbreak
    ("aidez moi à trouver un stage svp", True),                             # ordinary: a task
    ("le rappeur dit qu'il va tous les planter dans son son", True),        # topic: a song
])
def test_defused_means_crisis_words_with_evidence_against(detector, text, defused):
    assert detector.defused(text) is defused
