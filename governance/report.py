"""The reviewers' report (make content-report): every text the bot can say, grouped by topic and
audience, with buttons, hand-offs, sources, review status and readability. One HTML file that
prints cleanly, and its Markdown twin, in artifacts/."""
from collections import defaultdict
from datetime import date
from html import escape
from pathlib import Path

from governance.checks import Governance, readability, run_checks
from governance.units import ROOT, Unit

REGISTER_LABELS = {"tu": "Jeune (tu)", "vous": "Adulte (vous)", "neutral": "Tout public", "en": "English"}
STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #333;page-break-after:avoid}
article{border:1px solid #bbb;border-radius:6px;padding:.8rem 1rem;margin:1rem 0;page-break-inside:avoid}
.meta{color:#444;font-size:.85rem}.text{white-space:pre-wrap;font-size:1.05rem}
.ok{color:#0a5d1a}.team{color:#7a4b00}.bad{color:#a00000;font-weight:bold}
ul{margin:.3rem 0}@media print{body{margin:0;max-width:none}a{color:inherit}}
"""


def status(g: Governance, unit: Unit, today: date) -> tuple[str, str]:
    review = g.reviews.get(unit.key)
    if review is None:
        return "bad", "Non relu"
    if review.hash != unit.hash:
        return "bad", "Modifié depuis la relecture"
    if review.expires_on and review.expires_on < today:
        return "bad", f"Relecture expirée le {review.expires_on:%d/%m/%Y}"
    role = g.roles.get(review.role)
    label = role.label if role else review.role
    until = f", à revoir avant le {review.expires_on:%d/%m/%Y}" if review.expires_on else ""
    return ("ok" if role and role.external else "team"), f"Relu le {review.reviewed_on:%d/%m/%Y} — {label}{until}"


def describe(g: Governance, unit: Unit, today: date) -> dict:
    record = g.records.get(unit.record)
    sources = []
    for s in record.sources if record else []:
        sources.append(s.url or f"{s.seed} — {s.section}")
    if record and record.facts == "none":
        sources.append("Aucun fait énoncé")
    css, review = status(g, unit, today)
    return {
        "key": unit.key,
        "text": unit.text,
        "buttons": [f"{title} → {payload}" for title, payload in unit.buttons],
        "resources": list(unit.resources),
        "sources": sources,
        "status_css": css,
        "status": review,
        "readability": f"{readability(unit.text):.0f}" if unit.french and unit.text else "—",
        "words": len(unit.text.split()),
    }


def grouped(g: Governance) -> dict[str, dict[str, list[Unit]]]:
    groups: dict[str, dict[str, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for unit in g.units:
        groups[unit.group][REGISTER_LABELS.get(unit.register, unit.register)].append(unit)
    return groups


def write_report(root: Path = ROOT, out: Path | None = None, today: date | None = None) -> list[Path]:
    today = today or date.today()
    out = out or root / "artifacts"
    out.mkdir(parents=True, exist_ok=True)
    g = Governance.load(root)
    problems = run_checks(g, today)
    summary = f"{len(g.units)} textes ; {len(problems)} problème(s) signalé(s) par make content-check."
    html = [f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Balise — tout ce que le bot peut dire</title><style>{STYLE}</style></head><body>",
            "<h1>Balise — tout ce que le bot peut dire</h1>", f"<p>Rapport du {today:%d/%m/%Y}. {escape(summary)}</p>"]
    md = ["# Balise — tout ce que le bot peut dire", "", f"Rapport du {today:%d/%m/%Y}. {summary}", ""]
    for group, by_register in sorted(grouped(g).items()):
        html.append(f"<h2>Sujet : {escape(group)}</h2>")
        md += [f"## Sujet : {group}", ""]
        for register, units in sorted(by_register.items()):
            html.append(f"<h3>{escape(register)}</h3>")
            md += [f"### {register}", ""]
            for unit in units:
                d = describe(g, unit, today)
                html.append(
                    f"<article><div class='meta'>{escape(d['key'])} — {d['words']} mots — lisibilité {d['readability']}</div>"
                    f"<p class='text'>{escape(d['text'])}</p>"
                    + (f"<p>Boutons :</p><ul>{''.join(f'<li>{escape(b)}</li>' for b in d['buttons'])}</ul>" if d["buttons"] else "")
                    + (f"<p>Services proposés : {escape(', '.join(d['resources']))}</p>" if d["resources"] else "")
                    + f"<p>Sources :</p><ul>{''.join(f'<li>{escape(s)}</li>' for s in d['sources']) or '<li class=bad>Aucune</li>'}</ul>"
                    + f"<p class='{d['status_css']}'>{escape(d['status'])}</p></article>"
                )
                md += [f"**{d['key']}** ({d['words']} mots, lisibilité {d['readability']})", "", "> " + d["text"].replace("\n", "\n> "), ""]
                md += [f"- Bouton : {b}" for b in d["buttons"]]
                if d["resources"]:
                    md.append(f"- Services : {', '.join(d['resources'])}")
                md += [f"- Source : {s}" for s in d["sources"]] or ["- Source : AUCUNE"]
                md += [f"- Relecture : {d['status']}", ""]
    html.append("</body></html>")
    paths = [out / "content-report.html", out / "content-report.md"]
    paths[0].write_text("\n".join(html), encoding="utf-8")
    paths[1].write_text("\n".join(md), encoding="utf-8")
    return paths
