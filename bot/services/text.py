"""Text normalisation shared by the gateway's deterministic detectors."""
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

try:
    from re import _parser as _sre_parse  # Python >= 3.11
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse

_APOSTROPHES = re.compile(r"[’'`´]")
# Invisible characters (zero-width space and joiners, soft hyphen, direction marks, BOM): pasted
# text and attempts to slip past a filter put them inside words ("m\u200bourir").
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Cyrillic and Greek letters drawn like Latin ones. Only swapped inside a word that also has Latin
# letters ("jе vеuх" typed with Cyrillic е and х): a word wholly in Cyrillic or Greek is left as is.
_LOOKALIKES = str.maketrans("аеорсухіјѕкмтнвіαεικνορτυχ", "aeopcyxijskmtnbiaeikvoptux")
_MIXED_WORD = re.compile(r"\w*[a-z]\w*")
# Digits standing for letters inside a word: "m0urir", "su1c1der", "v3ux". Only between two
# letters, so "14 ans", "3114", "17h30", "dem1" or "2nite" are untouched.
_LEET = re.compile(r"(?<=[a-z])[013457]+(?=[a-z])")
_LEET_LETTERS = str.maketrans("013457", "oieast")
_SPELLED_OUT = re.compile(r"(?<![a-z0-9])(?:[a-z] ){4,}[a-z](?![a-z0-9])")  # "s u i c i d e"
_COMBINING = re.compile(r"[\u0300-\u036f]")  # accents once NFKD has split them off the letters
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ELONGATED = re.compile(r"([a-z])\1{2,}")  # "aidezzz moiiii", "mdrrrr": typed in a hurry or shouting
_SPACES = re.compile(r" +")

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "data" / "safety" / "sms_lexicon.yml"


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation turned into single spaces; invisible
    characters, look-alike letters, digits inside words and spelled-out words undone.

    "J’ai 14 ANS !!" -> "j ai 14 ans". Detectors match whole words on this form.
    """
    ligatures = _INVISIBLE.sub("", text.lower()).replace("œ", "oe").replace("æ", "ae")  # "sœur" -> "soeur"
    decomposed = unicodedata.normalize("NFKD", ligatures)
    no_accents = _COMBINING.sub("", decomposed)
    if not no_accents.isascii():
        no_accents = _MIXED_WORD.sub(lambda m: m.group().translate(_LOOKALIKES), no_accents)
    spaced = _APOSTROPHES.sub(" ", no_accents)
    words = _NON_WORD.sub(" ", spaced).strip()
    words = _LEET.sub(lambda m: m.group().translate(_LEET_LETTERS), words)
    return _SPELLED_OUT.sub(lambda m: m.group().replace(" ", ""), words)


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """One regex matching any phrase as whole words on normalised text."""
    return re.compile(r"(?:^| )(?:" + "|".join(f"(?:{p})" for p in phrases) + r")(?: |$)")


def split_alternatives(regex: str) -> list[str]:
    """The top-level alternatives of a regex: "a|(b|c)|d" -> ["a", "(b|c)", "d"]."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(regex[start:i])
            start = i + 1
        i += 1
    parts.append(regex[start:])
    return parts


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """Characters a parsed regex sequence can start with (None: any), and whether it can be empty."""
    first: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars, empty = {chr(av)}, False
        elif name == "IN":
            chars, empty = set(), False
            for sub_op, sub_av in av:
                if str(sub_op) == "LITERAL":
                    chars.add(chr(sub_av))
                elif str(sub_op) == "RANGE":
                    chars.update(chr(x) for x in range(sub_av[0], sub_av[1] + 1))
                else:  # NEGATE, CATEGORY: anything
                    chars = None
                    break
        elif name == "BRANCH":
            chars, empty = set(), False
            for branch in av[1]:
                b_chars, b_empty = _first_chars(branch)
                chars = None if chars is None or b_chars is None else chars | b_chars
                empty = empty or b_empty
        elif name == "SUBPATTERN":
            chars, empty = _first_chars(av[-1])
        elif name == "ATOMIC_GROUP":
            chars, empty = _first_chars(av)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            chars, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            chars, empty = set(), True  # zero width: look further
        else:  # ANY, CATEGORY, NOT_LITERAL, group references...: anything
            chars, empty = None, False
        if chars is None:
            return None, False
        first |= chars
        if not empty:
            return first, False
    return first, True


def first_char_dispatch(alternatives: list[str]) -> list[tuple[str | None, list[int]]]:
    """Alternatives grouped by the character they can start with (dispatch_tree turns the
    groups into one regex), plus a last group (None) tried everywhere.

    Python's re tries every alternative of an alternation at every position; with ~80 phrases
    that is most of the detector's time. Behind one-character lookaheads, only the phrases that
    can start there are tried. Alternatives whose first character cannot be worked out (or that
    can match empty text) go in the last group: never wrong, only slower."""
    by_char: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for i, alternative in enumerate(alternatives):
        try:
            chars, empty = _first_chars(_sre_parse.parse(alternative))
        except Exception:  # noqa: BLE001 - any doubt: tried everywhere
            chars, empty = None, True
        if chars is None or empty:
            anywhere.append(i)
            continue
        for ch in chars:
            by_char.setdefault(ch, []).append(i)
    groups: list[tuple[str | None, list[int]]] = [(ch, by_char[ch]) for ch in sorted(by_char)]
    if anywhere:
        groups.append((None, anywhere))
    return groups


def _char_class(chars: list[str]) -> str:
    return re.escape(chars[0]) if len(chars) == 1 else "[" + "".join(re.escape(c) for c in chars) + "]"


def dispatch_tree(branches: list[tuple[str, str]]) -> str:
    """(first character, regex) pairs as a binary tree of one-character lookaheads: about five
    checks per word to reach the few phrases that can start there, instead of trying them all."""
    if len(branches) == 1:
        ch, body = branches[0]
        return f"(?={_char_class([ch])})(?:{body})"
    half = len(branches) // 2
    left, right = branches[:half], branches[half:]
    left_class = _char_class([ch for ch, _ in left])
    return f"(?={left_class})(?:{dispatch_tree(left)})|{dispatch_tree(right)}"


def word_alternation(alternatives: list[str]) -> str:
    """One regex matching any of `alternatives`, dispatched on their first character."""
    if len(alternatives) < 4:
        return "|".join(f"(?:{a})" for a in alternatives)
    keyed, anywhere = [], None
    for ch, indices in first_char_dispatch(alternatives):
        body = "|".join(f"(?:{alternatives[i]})" for i in indices)
        if ch is None:
            anywhere = body
        else:
            keyed.append((ch, body))
    parts = ([dispatch_tree(keyed)] if keyed else []) + ([anywhere] if anywhere else [])
    return "|".join(f"(?:{p})" for p in parts)


class _Rewrites:
    """Regex rewrites run as ONE alternation in a single pass over " " + text: a scan per rule
    would cost more than all the detector's patterns, and the leading literal space lets the
    engine jump from word to word (see first_char_dispatch). Each rule starts at a word (the
    space is consumed and put back) and must not consume the space after its last word. Where
    two rules could start at the same word the earlier one wins (rules whose first letter
    cannot be worked out come after the others)."""

    def __init__(self, rules: list[list[str]]):
        for pattern, _ in rules:
            if "(?P" in pattern or re.search(r"\\[1-9]|\(\?P=", pattern):
                raise ValueError(f"lexicon rule {pattern!r}: no named groups or back-references")
        keyed, anywhere, self._templates, group, copy = [], None, {}, 0, 0
        for ch, indices in first_char_dispatch([pattern for pattern, _ in rules]):
            body = []
            for i in indices:  # a rule may sit under several first characters: one copy each
                pattern, repl = rules[i]
                group += 1  # the copy's own wrapping group
                offset = group
                name = f"r{copy}"
                copy += 1
                template = re.sub(r"\\(\d)", lambda m: f"\\g<{offset + int(m.group(1))}>", repl)
                self._templates[name] = " " + template
                body.append(f"(?P<{name}>{pattern})")
                group += re.compile(pattern).groups
            if ch is None:
                anywhere = "|".join(body)
            else:
                keyed.append((ch, "|".join(body)))
        parts = ([dispatch_tree(keyed)] if keyed else []) + ([anywhere] if anywhere else [])
        self._regex = re.compile(" (?:" + "|".join(f"(?:{p})" for p in parts) + ")") if parts else None

    def apply(self, text: str) -> str:
        if self._regex is None:
            return text
        return self._regex.sub(lambda m: m.expand(self._templates[m.lastgroup]), " " + text)[1:]


class Lexicon:
    """SMS spelling and common typos rewritten to plain French/English (data/safety/sms_lexicon.yml).

    Patterns are then written once, in standard spelling, instead of once per spelling a
    teenager in a hurry may use ("jsuis", "chui", "jsui" -> "je suis").
    """

    def __init__(self, emoji: dict[str, str], pre: list[list[str]], words: dict[str, str], post: list[list[str]]):
        self._emoji = emoji
        self._pre = _Rewrites(pre)
        self._words = {str(k): str(v) for k, v in words.items()}
        self._post = _Rewrites(post)

    @classmethod
    def from_file(cls, path: Path) -> "Lexicon":
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(raw.get("emoji") or {}, raw.get("pre") or [], raw.get("words") or {}, raw.get("post") or [])

    def expand(self, text: str) -> str:
        """normalise() plus the lexicon: "g envie de mourrir" -> "j ai envie de mourir"."""
        for symbol, word in self._emoji.items():  # before normalise(), which drops emoji
            if symbol in text:
                text = text.replace(symbol, f" {word} ")
        out = self._pre.apply(_ELONGATED.sub(r"\1", normalise(text)))
        words = self._words
        out = " ".join(words.get(token, token) for token in out.split())
        return _SPACES.sub(" ", self._post.apply(out)).strip()


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.from_file(DEFAULT_LEXICON)


def expand(text: str, lexicon: Lexicon | None = None) -> str:
    """normalise() then SMS/typo expansion, with the project's lexicon unless one is given."""
    return (lexicon or default_lexicon()).expand(text)
