"""Command line: python -m governance check | review NAMES… --role ROLE | report"""
import argparse
import sys

from governance.checks import Governance, run_checks
from governance.report import write_report
from governance.review import ReviewRefused, sign


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m governance")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="fail, naming the response, on any content problem")
    review = sub.add_parser("review", help="record a review of the named responses (or: all)")
    review.add_argument("names", nargs="+")
    review.add_argument("--role", required=True)
    sub.add_parser("report", help="write the reviewers' report (HTML and Markdown)")
    args = parser.parse_args()

    if args.command == "check":
        governance = Governance.load()
        problems = run_checks(governance)
        for problem in problems:
            print(problem)
        if problems:
            sys.exit(f"content-check: {len(problems)} problem(s)")
        print(f"content-check: {len(governance.units)} texts, all sourced, reviewed and within the rules")
    elif args.command == "review":
        try:
            signed = sign(args.names, args.role)
        except ReviewRefused as refusal:
            sys.exit(f"content-review refused: {refusal}")
        print(f"Recorded {args.role}'s review of {len(signed)} texts.")
    else:
        for path in write_report():
            print(f"Wrote {path}")


if __name__ == "__main__":
    main()
