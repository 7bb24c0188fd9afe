#!/usr/bin/env bash
# Prints the path of a working Python 3.10 (Rasa 3.6.21 needs >=3.8,<3.11).
# Order (see ../shared/stack.md): a python3.10 on PATH that actually runs, then pyenv's 3.10.x.
# Never falls back to another minor version: Rasa would not install, or worse, half-install.
set -u
works() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }
if cand=$(command -v python3.10 2>/dev/null) && works "$cand"; then echo "$cand"; exit 0; fi
if command -v pyenv >/dev/null 2>&1; then
  for cand in "$(pyenv root)"/versions/3.10.*/bin/python3.10; do
    if [ -x "$cand" ] && works "$cand"; then echo "$cand"; exit 0; fi
  done
fi
for cand in "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
  if [ -x "$cand" ] && works "$cand"; then echo "$cand"; exit 0; fi
done
cat >&2 <<'MSG'
Python 3.10 est introuvable. Rasa 3.6.21 exige Python 3.10 (>=3.8, <3.11) ; Balise ne se rabat
jamais sur une autre version.
Python 3.10 is required. Install it, then run the command again:
  - with pyenv:   pyenv install 3.10
  - on Debian:    apt-get install python3.10 python3.10-venv   (when your release ships it)
MSG
exit 1
