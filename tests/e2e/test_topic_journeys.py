"""Every topic of issue #4 is reachable by a button and by free text, for a young person and for
an adult, through the real gateway, Rasa and action server; each answer is in the audience's
register and offers a way to reach a human."""
import re

import pytest

from tests.e2e.helpers import all_text, chat, new_session, payloads, resource_ids

AUDIENCE = {"teen": '/inform_audience{"audience":"teen"}', "parent": '/inform_audience{"audience":"parent"}',
            "friend": '/inform_audience{"audience":"friend"}'}

# topic: (button payload, what a young person writes, what a parent writes)
JOURNEYS = {
    "sextortion": ("/sextortion", "il a mes nudes et il menace de les envoyer a mes potes si je paye pas",
                   "Quelqu'un fait du chantage à ma fille avec des photos intimes d'elle."),
    "grooming": ("/grooming", "un mec plus vieux me parle sur snap il veut que je garde le secret",
                 "Un adulte écrit à mon fils sur un jeu en ligne et lui demande de garder le secret."),
    "exploitation": ("/exploitation", "on me propose des plans sous pour me faire de la thune",
                     "Comment fonctionne la technique du loverboy qui pousse des adolescentes à se prostituer ?"),
    "image_removal": ("/image_removal", "une photo de moi nue tourne sur un compte insta je veux la faire supprimer",
                      "Une vidéo intime de ma fille circule sur les réseaux, comment la faire retirer ?"),
    "rights": ("/rights", "c koi mes droits si jai 14 ans",
               "Quels sont les droits d'un mineur victime d'exploitation sexuelle ?"),
    "reporting": ("/reporting", "comment je fais pour porter plainte",
                  "Comment porter plainte pour mon enfant ?"),
    "talk_to_someone": ("/talk_to_someone", "je veux parler a quelqu'un de vrai",
                        "Je voudrais parler à une personne, pas à un robot."),
    "about_bot": ("/about_bot", "t'es un robot ou un humain",
                  "Êtes-vous un humain ou un programme ?"),
    "out_of_scope": ("/out_of_scope", "tu connais une bonne recette de crepes",
                     "Pouvez-vous m'aider à remplir ma déclaration d'impôts ?"),
}
# Topics that belong to one side: a parent's worry, a friend's worry.
ONE_SIDED = {
    "parent_concern": ("parent", "/parent_concern",
                       "Je m'inquiète pour ma fille de 14 ans, elle a changé et reçoit des cadeaux d'un inconnu."),
    "friend_concern": ("friend", "/friend_concern",
                       "ma pote a un mec de 25 ans qui lui paye tout et elle sèche les cours jsp quoi faire"),
}
CASES = [(topic, audience) for topic in JOURNEYS for audience in ("teen", "parent")]
CASES += [(topic, audience) for topic, (audience, _, _) in ONE_SIDED.items()]


def start(stack, audience: str) -> str:
    sid = new_session()
    assert chat(stack, sid, payload=AUDIENCE[audience])["audience"] == audience
    return sid


def assert_answered(answer: dict, topic: str, audience: str) -> None:
    assert answer["topic"] == topic, all_text(answer)
    assert answer["audience"] == audience
    assert answer["crisis"] is False
    text = f" {all_text(answer).lower()} "
    if audience == "parent":
        assert not re.search(r"\b(tu|ton|ta|tes|toi)\b", text), text
    else:
        assert re.search(r"\b(tu|ton|ta|tes|t')", text) and " vous " not in text, text
    human = "/talk_to_someone" in payloads(answer) or resource_ids(answer)
    assert human, f"{topic}/{audience}: no way to reach a human"


@pytest.mark.parametrize("topic,audience", CASES)
def test_topic_by_button(stack, topic, audience):
    payload = JOURNEYS[topic][0] if topic in JOURNEYS else ONE_SIDED[topic][1]
    sid = start(stack, audience)
    assert_answered(chat(stack, sid, payload=payload), topic, audience)


@pytest.mark.parametrize("topic,audience", CASES)
def test_topic_by_free_text(stack, topic, audience):
    if topic in JOURNEYS:
        text = JOURNEYS[topic][1] if audience == "teen" else JOURNEYS[topic][2]
    else:
        text = ONE_SIDED[topic][2]
    sid = start(stack, audience)
    assert_answered(chat(stack, sid, text=text), topic, audience)


def test_switching_topics_and_back_to_the_menu(stack):
    sid = start(stack, "teen")
    assert chat(stack, sid, text=JOURNEYS["grooming"][1])["topic"] == "grooming"
    assert chat(stack, sid, text=JOURNEYS["image_removal"][1])["topic"] == "image_removal"
    menu = chat(stack, sid, payload="/menu")
    assert {"/sextortion", "/grooming", "/exploitation", "/out_of_scope"} <= set(payloads(menu))
    assert_answered(chat(stack, sid, payload="/out_of_scope"), "out_of_scope", "teen")
