"""The REST API's framework: key and token authentication, scopes, throttles, the error body, pagination,
and webhooks. The apps' ``api.py`` modules build their views on it and call the same services as the pages."""
