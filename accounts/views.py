"""The two-factor pages under /admin/two-factor/: the code after the password, enrolment, a user's own page, and
an administrator's reset of another user's authenticator."""

import math
from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import lockout
from accounts.forms import CodeForm
from accounts.qr import grouped_secret, qr_data_uri
from accounts.rules import confirmed_device, must_use_two_factor, remove_devices


def next_url(request, default_name="wagtailadmin_home"):
    """Where to go once the code is accepted: the page the user asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default_name)


def wait_message(device):
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    seconds = max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
    wait = "1 second" if seconds == 1 else f"{seconds} seconds"
    return f"Too many wrong codes in a row. Wait {wait}, then enter the code your app shows at that time."


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    device = confirmed_device(user)
    if device is None:
        return redirect("accounts_two_factor_set_up")
    if user.is_verified():
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if lockout.locked_out(request, user):
            return lockout.sign_out_locked(request)
        if form.is_valid():
            refusal = wait_message(device)
            if refusal:
                form.add_error("code", refusal)
            elif device.verify_token(form.cleaned_data["code"]):
                otp_login(request, device)
                return redirect(next_url(request))
            else:
                form.add_error("code", "That code is not right. Enter the 6-digit code your app shows now.")
                if lockout.record_wrong_code(request, user):
                    return lockout.sign_out_locked(request)
    context = {"form": form, "next": next_url(request)}
    return TemplateResponse(request, "accounts/verify.html", context)


def unconfirmed_device(user):
    """The device being enrolled: the same secret across reloads and wrong codes, until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def set_up(request):
    user = request.user
    if confirmed_device(user) is not None:
        messages.info(request, "Two-factor sign-in is already set up for your account.")
        return redirect("accounts_two_factor")
    device = unconfirmed_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = wait_message(device)
        if refusal:
            form.add_error("code", refusal)
        elif device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is set up. You will need a code each time you sign in.")
            return redirect(next_url(request, "accounts_two_factor"))
        else:
            form.add_error("code", "That code is not right. Check the app shows this account, then try again.")
    secret = b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "next": next_url(request, "accounts_two_factor"),
        "qr_code": qr_data_uri(device.config_url),
        "secret": grouped_secret(secret),
        "required": must_use_two_factor(user),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return TemplateResponse(request, "accounts/set_up.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def own_two_factor(request):
    """The user's own page (account menu): set up, or remove their authenticator when it is not required."""
    user = request.user
    device = confirmed_device(user)
    required = must_use_two_factor(user)
    if request.method == "POST" and device is not None:
        remove_devices(user)
        messages.success(request, "Two-factor sign-in is removed from your account.")
        return redirect("accounts_two_factor_set_up" if required else "accounts_two_factor")
    context = {"device": device, "required": required}
    return TemplateResponse(request, "accounts/own_two_factor.html", context)


def can_reset(request_user):
    return request_user.is_superuser or request_user.has_perm("auth.change_user")


@never_cache
@require_http_methods(["GET", "POST"])
def reset(request, user_id):
    """An administrator's reset for someone who lost their phone: they sign in with their password and enrol a
    new authenticator (at once, when two-factor is required of them)."""
    if not can_reset(request.user):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_id)
    if person.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        remove_devices(person)
        messages.success(request, f"Two-factor sign-in is reset for {person.get_username()}.")
        return redirect("wagtailusers_users:index")
    context = {"person": person, "device": confirmed_device(person)}
    return TemplateResponse(request, "accounts/reset.html", context)
