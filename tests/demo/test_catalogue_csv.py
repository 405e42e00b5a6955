"""The shipped catalogue CSV matches the demo specifications it was generated from."""

from portal.data import CATALOGUE_CSV
from portal.demo.catalogue_csv import catalogue_csv_text
from portal.demo.vocabulary import CATEGORIES
from portal.services.catalog_csv import read_catalog_csv


def test_shipped_catalogue_is_generated_from_the_specs():
    assert CATALOGUE_CSV.read_text(encoding="utf-8") == catalogue_csv_text()


def test_shipped_catalogue_reads_back_as_the_specs():
    rows = read_catalog_csv(CATALOGUE_CSV.read_bytes())
    assert [(r.code, r.name, r.risk_level, r.is_key_product) for r in rows] == [
        (s.code, s.name, s.risk_level, s.is_key_product) for s in CATEGORIES
    ]
    assert [(r.products, r.test_items) for r in rows] == [
        (s.product_names, s.test_items) for s in CATEGORIES
    ]
