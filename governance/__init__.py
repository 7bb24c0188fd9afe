"""Content governance: every word the bot can say is sourced, reviewed, checked and reported.

    python -m governance check            # make content-check
    python -m governance review NAMES --role ROLE   # make content-review
    python -m governance report           # make content-report
"""
