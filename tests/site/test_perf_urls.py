"""The benchmark and the load test serve the site under perf.urls: with the site's error pages."""

from django.urls import get_resolver

from kindness.views import server_error


def test_the_perf_urls_answer_errors_with_the_sites_own_handler():
    # The load test counts a 503 while PostgreSQL restarts; Django's default handler answers 500.
    assert get_resolver("perf.urls").resolve_error_handler(500) is server_error
