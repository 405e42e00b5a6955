"""Domain data shipped with the portal: regulation texts and the starting product catalogue."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
# The 16 regulation texts (LawRefBook Markdown layout); see README.md in this folder.
REGULATIONS_DIR = DATA_DIR / "regulations"
# The starting product catalogue (categories, product names, test items) as CSV.
CATALOGUE_CSV = DATA_DIR / "catalog.csv"


def shipped_regulation_paths() -> list[Path]:
    """The shipped regulation Markdown files, sorted by name."""
    return sorted(REGULATIONS_DIR.glob("*.md"))


# Everyday names and catalogue names searched as one another (one group a line).
SYNONYMS_TXT = DATA_DIR / "synonyms.txt"
