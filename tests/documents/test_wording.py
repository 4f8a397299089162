"""Lists in a sentence follow the reader's language."""

from django.utils import translation

from documents.wording import join_list


def test_a_list_reads_with_the_enumeration_comma_in_chinese_and_a_comma_in_english():
    # given
    items = ["A-101", "A-102", "B-201"]
    # when / then
    with translation.override("zh-hans"):
        assert join_list(items) == "A-101、A-102、B-201"
    with translation.override("en"):
        assert join_list(items) == "A-101, A-102, B-201"
