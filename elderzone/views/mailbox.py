"""政务信箱 in large type: write a letter (few fields), see 办件编号 + 查询码, look the answer up.
Both forms carry portal.antispam (CAPTCHA with a spoken question, honeypot, minimum time) and are
rate-limited per address like openinfo's own mailbox: every look-up counts, so the 查询码 cannot be
guessed by trying."""
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from elderzone import mailbox
from elderzone.forms import LetterForm, LookupForm
from portal import antispam, submissions
from portal.security.session_keys import expire_soon

RECEIPT_KEY = "elderzone_letter_receipt"
WRITE_LIMIT, WRITE_WINDOW = 10, 3600      # letters per address per hour
LOOKUP_LIMIT, LOOKUP_WINDOW = 10, 600     # look-ups per address per 10 minutes
LOOKUP_LIMITED = antispam.RATE_LIMIT_MESSAGE + "大约 10 分钟后就能再查；也可以打电话问写信的部门。"


def _closed(request):
    return render(request, "elderzone/mailbox_closed.html", status=200)


def mailbox_home(request):
    return render(request, "elderzone/mailbox_home.html", {"open": mailbox.letters_api() is not None})


def _show_receipt(request, receipt: dict):
    request.session[RECEIPT_KEY] = receipt
    expire_soon(request)
    return redirect("elderzone:mailbox_sent")


@never_cache
@require_http_methods(["GET", "POST"])
def mailbox_write(request):
    api = mailbox.letters_api()
    if api is None:
        return _closed(request)
    if request.method == "POST" and (earlier := submissions.earlier_receipt(request, "elderzone-letter")):
        return _show_receipt(request, earlier)  # the same POST again: its receipt, no second letter
    kinds = mailbox.letter_kinds()
    form = LetterForm(request.POST or None, kinds=kinds, request=request)
    limited = request.method == "POST" and antispam.refuse_if_over(
        request, form, "elderzone-letter", limit=WRITE_LIMIT, window=WRITE_WINDOW)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def submit() -> dict:
            letter = api.submit(
                kind=data["kind"], department=data["department"], subject=data["subject"], content=data["content"],
                name=data["name"], phone=data["phone"], email=data["email"] or "", channel="elder",
                consent_publish=data["consent_publish"],
            )
            # The raw 查询码 exists only now; the receipt keeps it for this visitor (print, read aloud).
            return {"tracking_number": letter.tracking_number, "query_code": getattr(letter, "query_code_plain", ""),
                    "department": data["department"].name, "subject": data["subject"]}

        try:
            receipt = submissions.submit_once(request, "elderzone-letter", submit)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            return _show_receipt(request, receipt)
    return render(request, "elderzone/mailbox_write.html", {"form": form}, status=429 if limited else 200)


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
    form = LookupForm(request.POST or None, request=request)
    letter = None
    limited = request.method == "POST" and antispam.refuse_if_over(
        request, form, "elderzone-lookup", limit=LOOKUP_LIMIT, window=LOOKUP_WINDOW, message=LOOKUP_LIMITED)
    if request.method == "POST" and form.is_valid():
        letter = api.lookup(tracking_number=form.cleaned_data["tracking_number"],
                            query_code=form.cleaned_data["query_code"])
        if letter is None:
            form.add_error(None, "没有查到：办件编号或查询码不对，请核对后再试。")
    return render(request, "elderzone/mailbox_lookup.html", {"form": form, "letter": letter},
                  status=429 if limited else 200)
