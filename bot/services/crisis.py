"""Layer 1 of crisis detection: deterministic patterns, checked on every message before Rasa.

It runs before, and whatever, the NLU says, so a crisis is never lost to a model's mistake or
to Rasa being down. Patterns and defusers are data (data/safety/crisis_patterns.yml), matched on
text expanded by the SMS lexicon (data/safety/sms_lexicon.yml). docs/safety.md explains how to
add a pattern and how the detector is measured.
"""
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.services.text import Lexicon, split_alternatives, word_alternation

KINDS = ("suicide", "danger_now", "child_missing")
_MACRO = re.compile(r"\{([a-z_]+)\}")


def _words(alternatives: list[str]) -> re.Pattern:
    """Whole words on " " + expanded text. The leading literal space (rather than a lookbehind)
    lets the regex engine jump from word to word, and the alternatives are dispatched on their
    first character (text.word_alternation): together ~10x faster on a long message."""
    return re.compile(rf" (?:{word_alternation(alternatives)})(?![a-z0-9])")


def _expand_macros(regex: str, vocab: dict[str, str]) -> str:
    for _ in range(3):  # vocab entries may use other entries
        regex = _MACRO.sub(lambda m: f"(?:{vocab[m.group(1)]})", regex)
    if _MACRO.search(regex):
        raise ValueError(f"unknown vocab entry in {regex!r}")
    return regex


class _Rule:
    """One pattern entry: a regex, or {all: [...]} whose regexes must all occur in the message."""

    def __init__(self, source: str | dict, vocab: dict[str, str]):
        parts = source["all"] if isinstance(source, dict) else [source]
        self.source = source
        self.parts = [_words(split_alternatives(_expand_macros(p, vocab))) for p in parts]

    def search(self, padded: str) -> bool:
        return all(p.search(padded) for p in self.parts)


class _RuleSet:
    """A list of rules. Plain regexes are joined into one alternation: one scan of the text."""

    def __init__(self, sources: list | None, vocab: dict[str, str], whole: list | None = None):
        sources = sources or []
        self.rules = [_Rule(s, vocab) for s in sources]
        plain = [a for s in sources if isinstance(s, str) for a in split_alternatives(_expand_macros(s, vocab))]
        self._plain = _words(plain) if plain else None
        self._combined = [r for r in self.rules if isinstance(r.source, dict)]
        firsts = [a for r in self._combined for a in split_alternatives(_expand_macros(r.source["all"][0], vocab))]
        self._gate = _words(firsts) if firsts else None  # one scan: can any `all` rule match?
        self.whole_sources = whole or []
        self._whole = (
            re.compile("|".join(f"(?:{_expand_macros(w, vocab)})" for w in whole)) if whole else None
        )

    def search(self, padded: str) -> bool:
        if self._plain is not None and self._plain.search(padded):
            return True
        if self._whole is not None and self._whole.fullmatch(padded[1:]):
            return True
        if self._gate is None or not self._gate.search(padded):
            return False
        return any(r.search(padded) for r in self._combined)

    def which(self, padded: str) -> str | dict | None:
        """The first entry that matches (explanations and tests; not on the hot path)."""
        if self._whole is not None and self._whole.fullmatch(padded[1:]):
            return next(w for w in self.whole_sources if re.fullmatch(w, padded[1:]))
        return next((r.source for r in self.rules if r.search(padded)), None)

    def blank(self, padded: str) -> str:
        return self._plain.sub(" _", padded) if self._plain is not None else padded


@dataclass
class Verdict:
    """What the detector decided and why: `rule` matched, `defused_by` suppressed it."""

    kind: str | None
    text: str
    rule: str | dict | None = None
    candidate: str | None = None
    defused_by: str | None = None


class CrisisDetector:
    """Crisis kind of one message: "suicide", "danger_now", "child_missing" or None.

    Several kinds can match one message ("il me frappe, je veux mourir"). The fixed priority is
    suicide, then danger_now, then child_missing: the suicide answer (3114, and 15/112 for
    immediate danger) also covers danger to life, whereas the danger card does not name the
    suicide line; a person at risk of acting against themselves must see it first. A missing
    child is last because a message that also names self-harm or violence is better served by
    those cards, which include the 17/112 the missing-child card leads with.
    """

    def __init__(self, config: dict, lexicon: Lexicon):
        self.lexicon = lexicon
        vocab = {
            k: "".join(line.strip() for line in str(v).splitlines())  # multi-line: joined as is
            for k, v in (config.get("vocab") or {}).items()
        }
        self.priority = list(config.get("priority", KINDS))
        kinds = config["kinds"]
        self.strong = {k: _RuleSet(kinds[k].get("strong"), vocab) for k in self.priority}
        self.patterns = {
            k: _RuleSet(kinds[k].get("patterns"), vocab, kinds[k].get("whole")) for k in self.priority
        }
        # strong + patterns in one scan per kind: most messages match nothing, and are done.
        self.any = {
            k: _RuleSet((kinds[k].get("strong") or []) + (kinds[k].get("patterns") or []), vocab, kinds[k].get("whole"))
            for k in self.priority
        }
        self.masks = _RuleSet(config.get("masks"), vocab)
        d = config["defusers"]
        self.joke = _RuleSet(d.get("joke"), vocab)
        self.serious = _RuleSet(d.get("serious"), vocab)
        self.topic = _RuleSet(d.get("topic"), vocab)
        self.ordinary = _RuleSet(d.get("ordinary"), vocab)
        self.past = _RuleSet(d.get("past"), vocab)
        self.resolved = _RuleSet(d.get("resolved"), vocab)
        self.now = _RuleSet(d.get("now"), vocab)
        self.urgent = _RuleSet(d.get("urgent"), vocab)
        # One scan each for the common questions "is it over?" and "is it a joke or a question?"
        self.over = _RuleSet((d.get("past") or []) + (d.get("resolved") or []), vocab)
        self.aside = _RuleSet((d.get("joke") or []) + (d.get("topic") or []) + (d.get("ordinary") or []), vocab)
        self.explained = _RuleSet((d.get("topic") or []) + (d.get("ordinary") or []), vocab)

    @classmethod
    def from_files(cls, patterns: Path, lexicon: Path) -> "CrisisDetector":
        config = yaml.safe_load(Path(patterns).read_text(encoding="utf-8"))
        return cls(config, Lexicon.from_file(Path(lexicon)))

    def detect(self, text: str) -> str | None:
        """"danger_now" | "suicide" | "child_missing" | None."""
        return self._decide(self._prepare(text))[0]

    def analyse(self, text: str) -> Verdict:
        """detect(), with the rule that matched and the defuser that suppressed it, if any."""
        padded = self._prepare(text)
        kind, candidate, defused_by = self._decide(padded)
        if candidate is None:
            return Verdict(None, padded[1:])
        rules = self.strong if self.strong[candidate].search(padded) else self.patterns
        return Verdict(kind, padded[1:], rules[candidate].which(padded), candidate if kind is None else None, defused_by)

    def judge(self, text: str) -> tuple[str | None, bool]:
        """(kind, defused) in one pass over the text: what the gateway needs for each message.

        `defused`: explicit evidence that the message is not a crisis now: a crisis pattern
        suppressed by a defuser (a story that is over, a joke, a question, fiction, an everyday
        plan such as "pour aller au foot"), an idiom
        or negation mask that hid crisis words ("morte de rire", "mon chat a disparu", "je veux
        pas mourir"), or, with no crisis pattern at all, the same markers the patterns yield
        to (a story that is over and nothing happening now; a joke; a question or fiction with
        nothing urgent): "je fais une rédaction sur la disparition d'une enfant". The gateway
        passes it to Rasa so the NLU's crisis guess yields to that evidence
        (rasa_extensions/crisis_gate.py); a message with neither crisis words nor such markers
        is left entirely to the NLU.
        """
        return self.judge_expanded(self.lexicon.expand(text or ""))

    def judge_expanded(self, expanded: str) -> tuple[str | None, bool]:
        """judge() on text already expanded by this detector's lexicon (read once per message)."""
        expanded = " " + expanded
        masked = self.masks.blank(expanded)
        read = self._unjoke(masked)
        kind, _, defused_by = self._decide(read)
        if kind is not None:
            return kind, False
        return None, defused_by is not None or masked != expanded or self._not_now(read)

    def strong_kind(self, expanded: str) -> str | None:
        """The kind of a `strong` pattern in the text (an explicit statement no defuser suppresses)."""
        masked = self.masks.blank(" " + expanded)
        return next((k for k in self.priority if self.strong[k].search(masked)), None)

    def _not_now(self, padded: str) -> bool:
        """The markers _decide lets suppress a pattern, found in a message that matched none."""
        if self.over.search(padded) and not self.now.search(self.resolved.blank(padded)):
            return True
        if self.joke.search(padded):
            return True
        return self.explained.search(padded) and not self._urgent(padded)

    def _urgent(self, padded: str) -> bool:
        """Immediacy outside the everyday phrase that explains it: the "aidez moi" of "aidez moi
        à trouver un stage" is not a cry."""
        return bool(self.urgent.search(self.ordinary.blank(padded)))

    def defused(self, text: str) -> bool:
        return self.judge(text)[1]

    def _prepare(self, text: str) -> str:
        return self._unjoke(self.masks.blank(" " + self.lexicon.expand(text or "")))

    def _unjoke(self, padded: str) -> str:
        """"je veux mourir mdr non sérieux", "je rigole pas": the writer takes the joke back, so
        the laughter is blanked out with the retraction and no longer defuses."""
        if not self.serious.search(padded):
            return padded
        return self.joke.blank(self.serious.blank(padded))

    def _decide(self, padded: str) -> tuple[str | None, str | None, str | None]:
        """(kind, kind of the best match, defuser that suppressed it)."""
        best = next((k for k in self.priority if self.any[k].search(padded)), None)
        if best is None:
            return None, None, None
        # A story that is over (past marker, nothing happening now) is not a crisis, even when
        # it names one plainly: "il y a 2 ans j ai pris toute la boite, maintenant ca va".
        if self.over.search(padded) and not self.now.search(self.resolved.blank(padded)):
            return None, best, "past"
        if self.aside.search(padded):  # a joke, a question / fiction / homework, an everyday plan
            # A strong pattern is never a joke nor a question, whatever its kind.
            strong = next((k for k in self.priority if self.strong[k].search(padded)), None)
            if strong:
                return strong, strong, None
            if self.joke.search(padded):
                return None, best, "joke"
            # "comment aider mon pote, il dit qu'il va se tuer ce soir": a question about a
            # crisis happening now is still that crisis.
            if self._urgent(padded):
                return best, best, None
            return None, best, "topic" if self.topic.search(padded) else "ordinary"
        return best, best, None
