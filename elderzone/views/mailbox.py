"""政务信箱 in large type: write a letter (few fields), see 办件编号 + 查询码, look the answer up."""
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from elderzone import mailbox
from elderzone.forms import LetterForm, LookupForm
from portal.security.request_ip import client_ip
from portal.security.session_keys import expire_soon

RECEIPT_KEY = "elderzone_letter_receipt"


def _closed(request):
    return render(request, "elderzone/mailbox_closed.html", status=200)


def mailbox_home(request):
    return render(request, "elderzone/mailbox_home.html", {"open": mailbox.letters_api() is not None})


@never_cache
@require_http_methods(["GET", "POST"])
def mailbox_write(request):
    api = mailbox.letters_api()
    if api is None:
        return _closed(request)
    kinds = mailbox.letter_kinds()
    form = LetterForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter = api.submit(
                kind=data["kind"], department=data["department"], subject=data["subject"], content=data["content"],
                name=data["name"], phone=data["phone"], email=data["email"] or "", channel="elder",
                consent_publish=data["consent_publish"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            # The raw 查询码 exists only now; keep it for this visitor's receipt page (print, read aloud).
            request.session[RECEIPT_KEY] = {
                "tracking_number": letter.tracking_number,
                "query_code": getattr(letter, "query_code_plain", ""),
                "department": data["department"].name,
                "subject": data["subject"],
            }
            expire_soon(request)
            return redirect("elderzone:mailbox_sent")
    return render(request, "elderzone/mailbox_write.html", {"form": form})


@never_cache
def mailbox_sent(request):
    receipt = request.session.get(RECEIPT_KEY)
    if not receipt:
        return redirect("elderzone:mailbox")
    return render(request, "elderzone/mailbox_sent.html", {"receipt": receipt})


@never_cache
@require_http_methods(["GET", "POST"])
def mailbox_lookup(request):
    api = mailbox.letters_api()
    if api is None:
        return _closed(request)
    form = LookupForm(request.POST or None)
    letter = None
    ip = client_ip(request)
    if request.method == "POST" and form.is_valid():
        if mailbox.lookup_blocked(ip):
            form.add_error(None, "查询次数太多了，请 10 分钟后再试；也可以拨打部门电话询问。")
        else:
            letter = api.lookup(tracking_number=form.cleaned_data["tracking_number"],
                                query_code=form.cleaned_data["query_code"])
            if letter is None:
                mailbox.lookup_failed(ip)
                form.add_error(None, "没有查到：办件编号或查询码不对，请核对后再试。")
    return render(request, "elderzone/mailbox_lookup.html", {"form": form, "letter": letter})
