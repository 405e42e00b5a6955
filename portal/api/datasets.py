"""The datasets offered as bulk downloads: each yields (CSV row, JSON record) pairs."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from marshmallow import Schema
from sqlalchemy import Select, select

from portal.api import batch_rows, tabular
from portal.api.schemas.announcements import AnnouncementSchema
from portal.api.schemas.categories import CategorySchema
from portal.api.schemas.common import EnterpriseRefSchema
from portal.api.schemas.recalls import RecallSchema
from portal.api.schemas.regulations import RegulationDetailSchema, RegulationSchema
from portal.i18n import N_
from portal.models import Enterprise
from portal.queries.announcements import announcement_query, attach_counts
from portal.queries.categories import category_query
from portal.queries.enterprises import has_public_record
from portal.queries.pagination import each_chunk
from portal.queries.recalls import recall_query
from portal.queries.regulations import regulation_query


@dataclass(frozen=True)
class Dataset:
    """One downloadable dataset (title and description in Chinese, marked for the English
    downloads page, which translates them where it shows them)."""

    name: str
    title: str
    description: str
    header: list[str]
    pairs: Callable[[], Iterator[tuple[list, dict]]]


def orm_pairs(stmt: Select, schema: Schema, header: list[str], decorate=None):
    """A factory of (flat row, record) pairs dumped from ORM objects in chunks."""

    def pairs() -> Iterator[tuple[list, dict]]:
        for chunk in each_chunk(stmt):
            if decorate:
                decorate(chunk)
            for record in schema.dump(chunk, many=True):
                flat = tabular.flatten(record)
                yield [flat.get(name) for name in header], record

    return pairs


def batch_pairs() -> Iterator[tuple[list, dict]]:
    """Every published batch as (flat row, record), from plain columns."""
    for row in batch_rows.batch_rows({}):
        yield list(row), batch_rows.nested_record(row)


def orm_dataset(name, title, description, stmt, schema, flat_schema=None, decorate=None):
    """A dataset dumped with a response schema (CSV columns from `flat_schema` or the schema)."""
    header = tabular.flat_names(flat_schema or schema)
    return Dataset(name, title, description, header, orm_pairs(stmt, schema, header, decorate))


def all_datasets() -> list[Dataset]:
    """Every bulk-download dataset, in catalog order."""
    return content_datasets() + reference_datasets()


def content_datasets() -> list[Dataset]:
    """Announcements, batches and recalls."""
    return [
        orm_dataset(
            "announcements",
            N_("监督抽查公告"),
            N_("全部抽查公告及批次汇总（含已撤回的公告）"),
            announcement_query({"sort": "issued_on"}),
            AnnouncementSchema(),
            decorate=attach_counts,
        ),
        Dataset(
            "batches",
            N_("监督抽查批次"),
            N_("全部已发布公告中的抽查批次及检验结果"),
            batch_rows.HEADER,
            batch_pairs,
        ),
        orm_dataset(
            "recalls",
            N_("缺陷产品召回"),
            N_("全部召回公告（含已撤回的）"),
            recall_query({"sort": "announced_on"}),
            RecallSchema(),
        ),
    ]


def reference_datasets() -> list[Dataset]:
    """Regulations, enterprises and categories."""
    enterprises = select(Enterprise).where(has_public_record()).order_by(Enterprise.credit_code)
    return [
        orm_dataset(
            "regulations",
            N_("法律法规"),
            N_("法律法规及逐条条文（CSV 仅含元数据）"),
            regulation_query({"sort": "title"}),
            RegulationDetailSchema(),
            RegulationSchema(),
        ),
        orm_dataset(
            "enterprises",
            N_("企业名录"),
            N_("出现在抽查或召回中的企业"),
            enterprises,
            EnterpriseRefSchema(),
        ),
        orm_dataset(
            "categories", N_("产品类别"), N_("监督抽查产品目录"), category_query(), CategorySchema()
        ),
    ]
