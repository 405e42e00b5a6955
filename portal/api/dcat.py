"""DCAT-AP style JSON-LD catalog of the datasets, for data-portal harvesters."""

from flask import current_app

from portal.urls import absolute_url

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
API_LISTS = {
    "announcements": "announcements.announcement_list",
    "batches": "announcements.batch_list",
    "recalls": "recalls.recall_list",
    "regulations": "regulations.regulation_list",
    "categories": "categories.category_list",
}


def distribution(entry: dict) -> dict:
    """A bulk file as a dcat:Distribution with size and checksum."""
    return {
        "@type": "dcat:Distribution",
        "dct:title": f"{entry['title']}（{entry['format']}）",
        "dcat:downloadURL": {"@id": absolute_url("downloads.download_file", name=entry["name"])},
        "dcat:mediaType": entry["media_type"],
        "dct:format": entry["format"],
        "dcat:byteSize": {"@value": str(entry["size"]), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": entry["sha256"],
        },
        "dct:license": {"@id": LICENSE},
    }


def dataset(name: str, entries: list[dict], modified: str | None) -> dict:
    """One dcat:Dataset with its bulk files and, where there is one, its API list."""
    first = entries[0]
    distributions = [distribution(entry) for entry in entries]
    if name in API_LISTS:
        access = absolute_url(API_LISTS[name])
        distributions.append(
            {"@type": "dcat:Distribution", "dcat:accessURL": {"@id": access}, "dct:format": "JSON"}
        )
    return {
        "@id": absolute_url("downloads.catalog") + f"#{name}",
        "@type": "dcat:Dataset",
        "dct:identifier": name,
        "dct:title": first["title"],
        "dct:description": first["description"],
        "dct:modified": modified,
        "dct:language": "zh-CN",
        "dcat:distribution": distributions,
    }


def build_catalog(manifest: dict | None) -> dict:
    """The catalog document; datasets come from the bulk-download manifest."""
    config = current_app.config
    grouped: dict[str, list[dict]] = {}
    for entry in (manifest or {}).get("files", []):
        grouped.setdefault(entry["dataset"], []).append(entry)
    modified = manifest["generated_at"] if manifest else None
    return {
        "@context": CONTEXT,
        "@id": absolute_url("downloads.catalog"),
        "@type": "dcat:Catalog",
        "dct:title": config["SITE_NAME"],
        "dct:description": f"{config['PUBLISHER_NAME']}公开的产品质量监督抽查、召回和法规数据。",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": config["PUBLISHER_NAME"]},
        "dct:language": "zh-CN",
        "dct:license": {"@id": LICENSE},
        "dcat:dataset": [dataset(name, entries, modified) for name, entries in grouped.items()],
        "dcat:service": {
            "@type": "dcat:DataService",
            "dct:title": f"{config['SITE_NAME']}开放数据接口",
            "dcat:endpointURL": {"@id": absolute_url("announcements.announcement_list")},
            "dcat:endpointDescription": {"@id": absolute_url("api-docs.openapi_json")},
            "foaf:page": {"@id": absolute_url("apidocs.api_docs")},
        },
    }
