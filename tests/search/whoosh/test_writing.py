"""The index-writing shortcuts give exactly what Whoosh's own code paths give."""

import pytest
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.fields import TEXT

from portal.search.analysis import index_positions, word_positions
from portal.search.whoosh import index as whoosh_index
from portal.search.whoosh.schema import AnalysedText, PositionsTokenizer, pinyin_positions

TEXTS = [
    ("电线电缆产品质量监督抽查结果公告", "导体电阻不合格；导体电阻。绝缘厚度"),
    ("LED灯具 插头插座 插头插座 儿童玩具",),
    ("",),
]
FIELDS = [
    (index_positions, {"phrase": True}),
    (word_positions, {"phrase": False, "field_boost": 2.0}),
    (pinyin_positions, {"phrase": False}),
]


class Texts:
    """Texts that Whoosh's formats hand to the analyzer (they read a tuple as ready words)."""

    def __init__(self, texts):
        self.texts = texts

    def __iter__(self):
        return iter(self.texts)


@pytest.mark.parametrize("texts", TEXTS)
@pytest.mark.parametrize(("positions", "options"), FIELDS)
def test_analysed_text_indexes_as_text_with_our_tokenizer(texts, positions, options):
    fast = AnalysedText(positions, **options)
    plain = TEXT(analyzer=PositionsTokenizer(positions), **options)
    values = plain.format.word_values(Texts(texts), plain.analyzer)

    expected = [(word.encode(), freq, weight, value) for word, freq, weight, value in values]
    assert sorted(fast.index(texts)) == sorted(expected)


def test_writing_codec_reads_the_lengths_whoosh_reads(tmp_path):
    ix = whoosh_index.create_index(str(tmp_path))
    with whoosh_index.locked_writer(ix) as writer:
        for number, texts in enumerate(TEXTS):
            writer.add_document(key=f"doc:{number}", content=texts, title=texts[:1])
    segment = ix.reader().segment()

    assert type(segment.codec()) is W3Codec  # readers never need the writing codec
    fast = whoosh_index.WritingCodec().per_document_reader(ix.storage, segment)
    plain = W3PerDocReader(ix.storage, segment)
    for docnum in range(len(TEXTS)):
        for field in ("content", "title", "key", "pinyin"):
            expected = plain.doc_field_length(docnum, field, default=7)
            assert fast.doc_field_length(docnum, field, default=7) == expected
