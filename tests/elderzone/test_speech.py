"""Server read-aloud: espeak-ng → web audio, cached by text hash, served under /elder/audio/."""
import io
import shutil
import subprocess
import wave

import pytest
from django.urls import reverse

from elderzone.models import SpeechAudio
from elderzone.speech import engine, services
from elderzone.speech.texts import text_for, text_hash
from elderzone.tasks import make_speech
from portal.models import PublishStatus
from portal.ops import outbox
from portal.ops.models import OutboxJob
from tests.elderzone.factories import LifeArticleFactory
from tests.factories import PolicyFactory
from tests.services import need

pytestmark = pytest.mark.django_db


def need_espeak():
    need(engine.available(), "espeak-ng（apt-get install espeak-ng）")


def decoded_seconds(data: bytes, mime: str, tmp_path) -> float:
    """Decode the file as a player would and return its length in seconds."""
    if mime == "audio/wav":
        with wave.open(io.BytesIO(data)) as w:
            return w.getnframes() / w.getframerate()
    assert mime == "audio/mpeg"
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0), "not an MP3 stream"
    mp3, wav = tmp_path / "a.mp3", tmp_path / "a.wav"
    mp3.write_bytes(data)
    subprocess.run([shutil.which("lame"), "--quiet", "--decode", str(mp3), str(wav)], check=True)
    with wave.open(str(wav)) as w:
        return w.getnframes() / w.getframerate()


def test_task_makes_a_playable_file_and_caches_it(settings, tmp_path):
    need_espeak()
    article = LifeArticleFactory(title="冬季保暖", summary="", body="<p>出门要戴帽子，围好围巾。</p>")
    digest = make_speech("life", article.pk)
    audio = SpeechAudio.objects.get(text_hash=digest)
    data = audio.file.read()
    assert audio.mime_type in ("audio/mpeg", "audio/wav")
    assert decoded_seconds(data, audio.mime_type, tmp_path) > 1.0
    files_before = sorted(p.name for p in (settings.MEDIA_ROOT / "elderzone" / "speech").rglob("*") if p.is_file())

    # Same text → the same row and file, nothing synthesised again.
    assert make_speech("life", article.pk) == digest
    article.save()  # saving without a change keeps the text
    assert make_speech("life", article.pk) == digest
    assert SpeechAudio.objects.count() == 1
    files_after = sorted(p.name for p in (settings.MEDIA_ROOT / "elderzone" / "speech").rglob("*") if p.is_file())
    assert files_after == files_before

    # Changed text → a new file.
    article.body = "<p>出门要戴帽子，围好围巾，穿厚袜子。</p>"
    article.save()
    assert make_speech("life", article.pk) != digest
    assert SpeechAudio.objects.count() == 2


def test_same_text_is_not_synthesised_twice(monkeypatch):
    need_espeak()
    calls = []
    real = engine.synthesize
    monkeypatch.setattr(engine, "synthesize", lambda text: calls.append(text) or real(text))
    first = services.speech_for_text("您好，欢迎使用长者专区。")
    second = services.speech_for_text("您好，欢迎使用长者专区。")
    assert first.pk == second.pk and len(calls) == 1


def test_publishing_makes_audio_after_commit(settings, django_capture_on_commit_callbacks):
    need_espeak()
    settings.ELDERZONE_SPEECH_ON_SAVE = True
    draft = LifeArticleFactory(status=PublishStatus.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        draft.save()
    assert callbacks == [] and SpeechAudio.objects.count() == 0  # drafts are not read
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        draft.status = PublishStatus.PUBLISHED
        draft.save()
    assert len(callbacks) == 1
    assert SpeechAudio.objects.filter(text_hash=text_hash(text_for(draft))).exists()


@pytest.fixture
def queued(settings, monkeypatch):
    """Audio jobs that saves would send to the worker, as (kind, pk)."""
    settings.ELDERZONE_SPEECH_ON_SAVE = True
    monkeypatch.setattr(engine, "available", lambda: True)
    jobs = []

    def send(job_id):  # what the outbox would hand to the worker after the commit
        job = OutboxJob.objects.get(pk=job_id)
        assert job.task == make_speech.name
        jobs.append(tuple(job.args))

    monkeypatch.setattr(outbox, "send", send)
    return jobs


def test_policies_outside_the_zone_are_made_on_first_request_only(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        other = PolicyFactory(topic="财政、金融、审计", subtopic="财政")
        elder = PolicyFactory(topic="民政、扶贫、救灾", subtopic="社会福利")
    assert queued == [("policy", elder.pk)]
    assert other.pk != elder.pk


@pytest.mark.django_db(transaction=True)  # the request commits its outbox job, as in production
def test_audio_endpoint_serves_the_cached_file(client):
    need_espeak()
    article = LifeArticleFactory()
    url = reverse("elderzone:audio", args=["life", article.pk])
    check = client.get(url, {"check": 1})
    assert check.status_code == 200 and check.json()["status"] == "ready"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] in ("audio/mpeg", "audio/wav")
    body = b"".join(response.streaming_content)
    assert len(body) > 1000
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert SpeechAudio.objects.count() == 1  # the second request used the cache


def test_audio_endpoint_refuses_unpublished_and_unknown(client):
    draft = LifeArticleFactory(status=PublishStatus.DRAFT)
    for args in (["life", draft.pk], ["life", 999999], ["nonsense", 1]):
        response = client.get(reverse("elderzone:audio", args=args), {"check": 1})
        assert response.status_code == 404
        assert response.json()["status"] == "unavailable"


def test_pending_when_the_worker_has_not_finished(client, monkeypatch, django_capture_on_commit_callbacks):
    need_espeak()
    article = LifeArticleFactory()
    monkeypatch.setattr(outbox, "send", lambda job_id: None)  # queued, not done yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("elderzone:audio", args=["life", article.pk]), {"check": 1})
    assert response.status_code == 202 and response["Retry-After"] == "3"


def test_without_espeak_the_page_says_so_and_keeps_the_browser_voice(client, monkeypatch):
    monkeypatch.setattr(engine, "espeak_path", lambda: None)
    article = LifeArticleFactory()
    response = client.get(reverse("elderzone:audio", args=["life", article.pk]), {"check": 1})
    assert response.status_code == 404 and response.json()["message"] == "语音暂不可用"
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="read-aloud"' in page and "data-audio-url" not in page  # browser voice only
    with pytest.raises(engine.SpeechUnavailable):
        engine.synthesize("你好")


def test_read_aloud_control_points_at_the_audio_of_the_page(client):
    need_espeak()
    article = LifeArticleFactory()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-audio-url="{reverse("elderzone:audio", args=["life", article.pk])}"' in page


@pytest.mark.django_db(transaction=True)  # the request commits its outbox job, as in production
def test_a_failing_engine_answers_unavailable_not_pending(client, monkeypatch):
    monkeypatch.setattr(engine, "available", lambda: True)

    def broken(text):
        raise engine.SpeechUnavailable("espeak-ng 失败")

    monkeypatch.setattr(engine, "synthesize", broken)
    article = LifeArticleFactory()
    url = reverse("elderzone:audio", args=["life", article.pk])
    for _ in range(2):  # the second request does not try again at once
        response = client.get(url, {"check": 1})
        assert response.status_code == 404 and response.json()["message"] == "语音暂不可用"


def test_speech_paused_skips_audio_for_saves_inside_it_only(queued, django_capture_on_commit_callbacks):
    """The public pause that bulk writers use (the policy importer through its runner)."""
    from elderzone.signals import speech_paused
    from policies.importing.runner import per_row_receivers_paused

    with django_capture_on_commit_callbacks(execute=True):
        with speech_paused():
            PolicyFactory(topic="民政、扶贫、救灾", subtopic="社会福利")
        with per_row_receivers_paused():
            PolicyFactory(topic="民政、扶贫、救灾", subtopic="社会福利")
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        after = PolicyFactory(topic="民政、扶贫、救灾", subtopic="社会福利")
    assert queued == [("policy", after.pk)]  # the pause ends with its block


def test_a_short_text_is_spoken_by_the_server_once_and_then_served_from_the_cache(client, tmp_path):
    need_espeak()
    response = client.get(reverse("elderzone:speech"), {"text": "  养老服务补贴\n申请条件  "})
    assert response.status_code == 200 and response["Content-Type"] in ("audio/mpeg", "audio/wav")
    data = b"".join(response.streaming_content)
    assert decoded_seconds(data, response["Content-Type"], tmp_path) > 0.5
    again = client.get(reverse("elderzone:speech"), {"text": "养老服务补贴 申请条件"})  # same text once spaces fold
    assert again.status_code == 200 and SpeechAudio.objects.count() == 1
    assert client.get(reverse("elderzone:speech"), {"text": "养老服务补贴 申请条件"},
                      HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


def test_speech_of_texts_is_bounded_per_client(client, monkeypatch):
    from elderzone.views import audio

    need_espeak()
    monkeypatch.setattr(audio, "SNIPPETS_PER_MINUTE", 2)
    codes = [client.get(reverse("elderzone:speech"), {"text": f"第{n}段"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    limited = client.get(reverse("elderzone:speech"), {"text": "第九段"})
    assert limited.status_code == 429 and int(limited["Retry-After"]) <= 60 and "太频繁" in limited.content.decode()
    assert client.get(reverse("elderzone:speech"), {"text": "第0段"}).status_code == 200  # made before: no limit
    long = client.get(reverse("elderzone:speech"), {"text": "长" * 5000})
    assert long.status_code in (200, 429)
    assert SpeechAudio.objects.filter(characters__gt=audio.SNIPPET_MAX_CHARS).count() == 0


def test_nothing_to_read_is_said_in_chinese(client):
    response = client.get(reverse("elderzone:speech"), {"text": " \x00\x01 "})
    assert response.status_code == 404 and response.json()["message"] == "没有可以朗读的文字"
