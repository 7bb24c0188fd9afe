"""Personal data never leaves the gateway (French formats)."""
import pytest

from bot.services.pii import scrub


@pytest.mark.parametrize("text,placeholder,secret", [
    ("appelle moi au 06 12 34 56 78 stp", "[téléphone]", "06 12 34 56 78"),
    ("mon num c 0612345678", "[téléphone]", "0612345678"),
    ("+33 6 12 34 56 78", "[téléphone]", "6 12 34 56 78"),
    ("0033612345678", "[téléphone]", "612345678"),
    ("06.12.34.56.78", "[téléphone]", "06.12.34.56.78"),
    ("écris à lea.martin@gmail.com", "[e-mail]", "lea.martin@gmail.com"),
    ("son insta c @kevin_du_75", "[pseudo]", "kevin_du_75"),
    ("regarde https://exemple.fr/profil/123", "[lien]", "exemple.fr/profil"),
    ("le compte est sur www.site-bizarre.com", "[lien]", "site-bizarre"),
    ("j'habite 12 rue des Lilas à Lyon", "[adresse]", "rue des Lilas"),
    ("au 3 bis avenue Victor Hugo", "[adresse]", "Victor Hugo"),
    ("on s'est vus 5, bd de la République", "[adresse]", "République"),
    ("j'habite dans le 93200", "[code postal]", "93200"),
    ("code postal 75 011", "[code postal]", "75 011"),
    ("il veut que je paie sur FR76 3000 6000 0112 3456 7890 189", "[IBAN]", "3000 6000"),
    ("ma carte 4970 1012 3456 7890", "[carte bancaire]", "4970 1012"),
])
def test_personal_data_is_replaced(text, placeholder, secret):
    scrubbed = scrub(text)
    assert placeholder in scrubbed
    assert secret not in scrubbed


@pytest.mark.parametrize("text", [
    "appelle le 119 ou le 3018",
    "le 17 ou le 112, et le 114 par SMS",
    "j'ai 14 ans et il a 25 ans",
    "il veut 500 euros",
    "le 116 000 pour les enfants disparus",
    "il a mes nudes",
    "on s'est vus à 18h30 le 12/03",
])
def test_help_numbers_and_ordinary_text_stay(text):
    assert scrub(text) == text
