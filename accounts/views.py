from functools import cache
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.deletion import delete_account
from accounts.export import member_data
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import User
from kindness.statements import Statement

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
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        keep = form.keep_stories
        logout(request)
        kept = delete_account(user=user, keep_stories=keep)
        messages.success(request, _farewell(kept) if keep else DELETED_ALL)
        return redirect("home")
    [(published,)] = _PUBLISHED.rows(member=request.user.pk)
    fields = form.as_div() if form.is_bound else _blank_delete_fields()
    context = {"form": form, "fields": fields, "published": published}
    return render(request, "accounts/delete.html", context)


@cache
def _blank_delete_fields() -> SafeString:
    """The unbound form's fields are the same for every member (no initial value, choices fixed
    in the code): rendered once per process, not through the form templates on every visit."""
    return DeleteAccountForm(user=None).as_div()


DELETED_ALL = "Your account and everything you shared are deleted. Take care."


def _farewell(kept: int) -> str:
    stories = "story stays" if kept == 1 else "stories stay"
    if not kept:
        return "Your account is deleted; you had no published story to keep. Take care."
    return f"Your account is deleted. Your {kept} {stories} published as “Anonymous”. Take care."


@never_cache
@login_required
def data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/data.html")


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
