"""Moderators and staff work behind a second factor.

Until they enrol an authenticator app or a passkey, every page of /moderation/ and /admin/ answers
them with the enrolment page and nothing else. One middleware guards both, so a moderation view
added later, or an admin page, cannot forget the rule.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from moderation.standing import FACTORS, standing
from stories.choices import MODERATE

# The URL namespaces behind the gate: the moderation pages and the admin.
GUARDED_NAMESPACES = {"moderation", "admin"}


def must_enrol(user) -> bool:
    """Whether this user holds a moderator's or staff seat and has no second factor yet."""
    if not user.is_authenticated:
        return False
    # One statement for the permissions, the factors and the badge (moderation.standing).
    held = standing(user)
    if not (user.is_staff or user.has_perm(MODERATE)):
        return False
    return not held.has_second_factor


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, types=FACTORS)


class SecondFactorGate:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not GUARDED_NAMESPACES.intersection(match.namespaces):
            return None
        if not must_enrol(request.user):
            return None
        response = TemplateResponse(
            request, "moderation/enrol_second_factor.html", status=403
        ).render()
        add_never_cache_headers(response)
        return response
