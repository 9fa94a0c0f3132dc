"""The client's address, trusting X-Real-IP / X-Forwarded-For only from our own reverse proxy."""
from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if remote in getattr(settings, "TRUSTED_PROXIES", ()):
        # nginx (deploy/nginx.conf) sets X-Real-IP to the address it saw; anything a client sent
        # in these headers is overwritten there, so it can be believed only when nginx is the peer.
        real = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real:
            return real
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return remote
