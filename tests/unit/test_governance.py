"""Content governance: one failing fixture per rule, on a small content tree built in tmp_path
(the real content is checked by `make content-check` inside `make test`)."""
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from governance.checks import Governance, run_checks
from governance.report import write_report
from governance.review import ReviewRefused, sign

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
TEEN = "Ce n'est pas de ta faute. Tu peux appeler le 119, jour et nuit. C'est gratuit."
ADULT = "Vous pouvez appeler le 119, jour et nuit. C'est gratuit."


def write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def tree(tmp_path):
    write(tmp_path / "domain.yml", {"responses": {"utter_help": [
        {"condition": [{"type": "slot", "name": "language", "value": "en"}], "text": "The 119 answers day and night.",
         "custom": {"resources": ["snated-119"]}},
        {"condition": [{"type": "slot", "name": "register", "value": "vous"}], "text": ADULT,
         "custom": {"resources": ["snated-119"]}},
        {"text": TEEN, "buttons": [{"title": "Parler à quelqu'un", "payload": "/talk_to_someone"}],
         "custom": {"resources": ["snated-119"]}},
    ]}})
    write(tmp_path / "data/content/sources.yml", {
        "utter_help": {"sources": [{"url": "https://www.service-public.fr/particuliers/actualites/A14455"}], "time_sensitive": ["numbers"]},
        "card:failsafe": {"sources": [{"seed": "000_acd80112a3c0e5c1.txt", "section": "6.1"}]},
    })
    write(tmp_path / "data/safety/emergency_card.yml", {
        "resources": ["snated-119"], "text": {"fr": "Le 119 répond jour et nuit."}, "crisis": {}, "other_languages": {}})
    services = yaml.safe_load((ROOT / "data/directory/services.yml").read_text(encoding="utf-8"))
    write(tmp_path / "data/directory/services.yml", [s for s in services if s["id"] == "snated-119"])
    write(tmp_path / "data/topics.yml", {"intents": {"talk_to_someone": "talk_to_someone"}})
    write(tmp_path / "data/rules/r.yml", {"rules": [{"rule": "r", "steps": [{"intent": "talk_to_someone"}, {"action": "utter_help"}]}]})
    for name in ("forbidden_terms.yml", "reviewer_roles.yml"):
        shutil.copy(ROOT / "data/content" / name, tmp_path / "data/content" / name)
    sign(["all"], "team", TODAY, root=tmp_path)
    return tmp_path


def problems(root: Path, today: date = TODAY) -> list[str]:
    return [str(p) for p in run_checks(Governance.load(root), today)]


def edit_text(root: Path, index: int, text: str) -> None:
    path = root / "domain.yml"
    domain = yaml.safe_load(path.read_text(encoding="utf-8"))
    domain["responses"]["utter_help"][index]["text"] = text
    write(path, domain)


def test_a_reviewed_tree_passes(tree):
    assert problems(tree) == []


def test_one_changed_word_fails_until_re_reviewed(tree):
    edit_text(tree, 2, TEEN.replace("gratuit", "anonyme"))
    assert problems(tree) == ["utter_help[default]: changed since review: the text differs from what was reviewed; have it re-read"]
    sign(["utter_help"], "educator", TODAY, root=tree)
    assert problems(tree) == []


def test_a_response_without_an_english_variant(tree):
    path = tree / "domain.yml"
    domain = yaml.safe_load(path.read_text(encoding="utf-8"))
    del domain["responses"]["utter_help"][0]
    write(path, domain)
    assert "utter_help[language=en]: no English variant: add one, translated from the reviewed French text" in problems(tree)


def test_a_response_without_review_record(tree):
    (tree / "data/content/reviews.yml").unlink()
    assert any("utter_help[default]: not reviewed" in p for p in problems(tree))


def test_a_response_without_content_record(tree):
    write(tree / "data/content/sources.yml", {"card:failsafe": {"sources": [{"url": "https://x.gouv.fr"}]}})
    assert any("utter_help[default]: no content record" in p for p in problems(tree))


def test_a_record_without_source_fails_and_cannot_be_signed(tree):
    write(tree / "data/content/sources.yml", {"utter_help": {"sources": []}, "card:failsafe": {"facts": "none"}})
    assert any("utter_help[default]: no source" in p for p in problems(tree))
    with pytest.raises(ReviewRefused):
        sign(["utter_help"], "team", TODAY, root=tree)


def test_time_sensitive_facts_expire(tree):
    assert any("expired" in p for p in problems(tree, date(2028, 1, 1)))


@pytest.mark.parametrize("text,term", [
    ("Elle est prostituée depuis un an, c'est pas de ta faute.", "prostituée"),
    ("Ce n'est pas du travail du sexe.", "travail du sexe"),
    ("Les clients sont punis par la loi.", "clients"),
    ("La pédopornographie est interdite.", "pédopornograph"),
    ("Pourquoi tu as envoyé cette photo ?", "envoy"),
    ("C'est de ta faute.", "de ta faute"),
])
def test_forbidden_terms(tree, text, term):
    edit_text(tree, 2, text)
    found = [p for p in problems(tree) if "forbidden term" in p]
    assert found and term.lower() in found[0].lower()


def test_client_prostitueur_is_allowed(tree):
    edit_text(tree, 2, "Le client prostitueur est puni par la loi. Tu n'y es pour rien.")
    assert not [p for p in problems(tree) if "forbidden term" in p]


def test_teen_text_saying_vous_fails(tree):
    edit_text(tree, 2, "Vous pouvez appeler le 119.")
    assert any("utter_help[default]: wrong register" in p for p in problems(tree))


def test_adult_text_saying_tu_fails(tree):
    edit_text(tree, 1, "Tu peux appeler le 119.")
    assert any("utter_help[register=vous]: wrong register" in p for p in problems(tree))


def test_a_phone_number_outside_the_directory_fails(tree):
    edit_text(tree, 2, TEEN + " Ou le 01 23 45 67 89.")
    assert any("unknown phone number: « 01 23 45 67 89 »" in p for p in problems(tree))


def test_a_short_number_outside_the_directory_fails(tree):
    edit_text(tree, 2, "Tu peux appeler le 3020 quand tu veux.")
    assert any("unknown phone number" in p for p in problems(tree))


def test_an_address_outside_the_directory_fails(tree):
    edit_text(tree, 2, "Va sur www.exemple-inconnu.fr pour en savoir plus.")
    assert any("unknown web address" in p for p in problems(tree))


def test_a_teen_bubble_over_budget_fails(tree):
    edit_text(tree, 2, " ".join(["Tu peux en parler."] * 25))
    assert any("too long" in p for p in problems(tree))


def test_hard_to_read_teen_text_fails(tree):
    edit_text(tree, 2, "Conformément aux dispositions législatives et réglementaires applicables, "
                       "l'administrateur ad hoc représente juridiquement l'intéressé.")
    assert any("hard to read" in p for p in problems(tree))


def test_report_lists_every_text_with_its_status(tree):
    html, md = write_report(root=tree, out=tree / "out", today=TODAY)
    report = md.read_text(encoding="utf-8")
    assert "utter_help[default]" in report and "utter_help[register=vous]" in report
    assert "Relu le 23/11/2026 — Équipe Balise" in report
    assert "<html lang='fr'>" in html.read_text(encoding="utf-8")
