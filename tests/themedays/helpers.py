from tests.openinfo.helpers import solved
from themedays.services.registration import Applicant, registration_create


def sign_up(activity, phone: str, *, party_size: int = 1, name: str = "李四", email: str = ""):
    return registration_create(activity_id=activity.pk, applicant=Applicant(
        name=name, phone=phone, identity="public", party_size=party_size, email=email))


def form_data(**fields) -> dict:
    """A registration form post as a browser sends it, its CAPTCHA solved (portal.antispam)."""
    data = {"name": "王小明", "phone": "13812345678", "identity": "public", "party_size": "1", "email": "",
            "agree": "on", **solved()}
    data.update(fields)
    return data


def login(client, user) -> None:
    """tests.factories.official does not save the password hash; the session must match the row."""
    user.refresh_from_db()
    client.force_login(user)
