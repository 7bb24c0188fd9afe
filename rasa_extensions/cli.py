"""Rasa's command line (`python -m rasa_extensions.cli run …`), with skops imported first.

Rasa saves and loads the logistic regression classifier with skops. On import, skops names the
public ufuncs of numpy and scipy by searching every loaded module for each of them (they have
no `__module__`); inside Rasa, after TensorFlow's thousands of modules are loaded, that search
took most of the time from `rasa run` to ready. Imported before Rasa, it searches a few hundred
modules: same names, same trust checks, measured in docs/benchmarks.md (start to ready).
"""
import sys

import skops.io  # noqa: F401  (first, on purpose: see above)
from rasa.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
