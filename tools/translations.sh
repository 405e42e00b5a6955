#!/bin/sh
# The translation workflow (README, "Languages"). Run from the project root:
#   sh tools/translations.sh update    extract every marked string and merge it into the English .po
#   sh tools/translations.sh missing   list the English entries still empty or fuzzy
#   sh tools/translations.sh compile   compile the .po into the .mo the app reads
set -eu
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
POT=translations/messages.pot
case "${1:-}" in
  update)
    "$PYBABEL" extract -F babel.cfg -k N_ -k _l --no-location --sort-output -o "$POT" .
    "$PYBABEL" update -i "$POT" -d translations -l en --no-fuzzy-matching \
      --ignore-obsolete
    rm -f "$POT"
    ;;
  missing)
    "${PYTHON:-.venv/bin/python}" -m portal.i18n_catalogue
    ;;
  compile)
    "$PYBABEL" compile -d translations -l en --statistics
    ;;
  *)
    echo "usage: sh tools/translations.sh update|missing|compile" >&2
    exit 2
    ;;
esac
