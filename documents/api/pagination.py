"""Lists come a page at a time: 50 rows unless ``page_size`` asks for up to 100."""

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
