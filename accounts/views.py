from functools import cache
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.deletion import delete_account
from accounts.export import member_data
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import User
from kindness.kept_pages import KeptPage
from kindness.statements import Statement

# The pages around a member's own values are the same for everyone (kindness.kept_pages).
DELETE_PAGE = KeptPage("accounts/delete.html", "published", "fields")
DATA_PAGE = KeptPage("accounts/data.html")

# The count the delete page mentions, built once per process (kindness.statements). Through the
# member's own related manager, so this app names no model of the stories app.
_PUBLISHED = Statement(
    lambda *, member: User(pk=member).stories.published().values("pk"),
    wrap='SELECT COUNT(*) FROM ({}) "published"',
    member=int,
)


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@never_cache
@login_required
def delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            user = request.user
            keep = form.keep_stories
            logout(request)
            kept = delete_account(user=user, keep_stories=keep)
            messages.success(request, _farewell(kept) if keep else DELETED_ALL)
            return redirect("home")
        # What was chosen stays chosen, with what to fix (the password is never sent back).
        fields = _partial("fields").render({"form": form})
    else:
        fields = _blank_delete_fields(get_script_prefix())
    [(published,)] = _PUBLISHED.rows(member=request.user.pk)
    count = _partial("published").render({"published": published}) if published else ""
    return DELETE_PAGE.response(request, published=mark_safe(count), fields=mark_safe(fields))


def _partial(name: str):
    return get_template(f"accounts/delete.html#{name}")


@cache
def _blank_delete_fields(script_prefix: str) -> SafeString:
    """The unbound form's fields are the same for every member (no initial value, choices fixed
    in the code): rendered once per process, not through the form templates on every visit."""
    return mark_safe(_partial("fields").render({"form": DeleteAccountForm(user=None)}))


DELETED_ALL = "Your account and everything you shared are deleted. Take care."


def _farewell(kept: int) -> str:
    stories = "story stays" if kept == 1 else "stories stay"
    if not kept:
        return "Your account is deleted; you had no published story to keep. Take care."
    return f"Your account is deleted. Your {kept} {stories} published as “Anonymous”. Take care."


@never_cache
@login_required
def data(request: HttpRequest) -> HttpResponse:
    return DATA_PAGE.response(request)


@never_cache
@login_required
@require_GET
# Personal data: a session left open is not enough, as for changing the email or the password.
@reauthentication_required
def download_data(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        member_data(user=request.user), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    name = f"flip-the-counter-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's sign-in is the site's own (rate-limited, second factor): no password form here.

    Installed as admin.site.login in kindness/urls.py, for GET and POST alike.
    """
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied("Only staff may use the admin.")
        return redirect(next_url)
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


def admin_password_change(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin's "Change password" is the site's: it asks for the current one and emails a notice.

    Installed as admin.site.password_change in kindness/urls.py.
    """
    return redirect("account_change_password")
