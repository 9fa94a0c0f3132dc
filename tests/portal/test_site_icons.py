"""Every browser asks for /favicon.ico (and phones for /apple-touch-icon.png): they get an icon, not a 404."""
import io

import pytest
from PIL import Image



@pytest.mark.parametrize("path, kind", [("/favicon.ico", "ICO"), ("/apple-touch-icon.png", "PNG"),
                                        ("/apple-touch-icon-precomposed.png", "PNG")])
def test_root_icons_answer_with_an_image(client, path, kind):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert Image.open(io.BytesIO(body)).format == kind


@pytest.mark.django_db
def test_pages_link_their_icons(client):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and 'rel="apple-touch-icon"' in html
