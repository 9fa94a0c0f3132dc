"""Turning text into a web audio file with espeak-ng (voice `cmn`) and, where installed, lame (MP3).

Pure I/O helpers with no database: the caching lives in speech.services.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

VOICE = "cmn"
# Part of the cache key: changing the voice or the encoding makes new files instead of serving stale ones.
ENGINE_VERSION = "espeak-ng:cmn:s160/mp3-16k-24k"
# A whole policy can be long; espeak-ng takes ~1 s per 2,000 characters, lame ~4 s per 14 minutes.
TIMEOUT_SECONDS = 600


class SpeechUnavailable(Exception):
    """espeak-ng is not installed (or failed): the browser voice is the only one."""


@dataclass(frozen=True)
class Audio:
    data: bytes
    extension: str
    mime_type: str


def espeak_path() -> str | None:
    return getattr(settings, "ELDERZONE_ESPEAK", None) or shutil.which("espeak-ng")


def lame_path() -> str | None:
    return shutil.which("lame")


def available() -> bool:
    return espeak_path() is not None


def synthesize(text: str) -> Audio:
    """Speak `text` into MP3 (mono 16 kHz, 24 kbit/s: plenty for speech) or WAV when lame is missing."""
    try:
        return _synthesize(text)
    except (OSError, subprocess.SubprocessError) as exc:  # missing binary, timeout, killed
        raise SpeechUnavailable(f"语音合成失败：{exc}") from exc


def _synthesize(text: str) -> Audio:
    espeak = espeak_path()
    if espeak is None:
        raise SpeechUnavailable("未安装 espeak-ng")
    with tempfile.TemporaryDirectory(prefix="elder-speech-") as tmp:
        wav = Path(tmp) / "speech.wav"
        # The text goes through stdin so that its length is not limited by the command line.
        result = subprocess.run(
            [espeak, "-v", VOICE, "-s", "160", "-b", "1", "--stdin", "-w", str(wav)],
            input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
        )
        if result.returncode != 0 or not wav.exists() or wav.stat().st_size <= 44:
            raise SpeechUnavailable(f"espeak-ng 失败：{result.stderr.decode('utf-8', 'replace')[:200]}")
        lame = lame_path()
        if lame:
            mp3 = Path(tmp) / "speech.mp3"
            encoded = subprocess.run(
                [lame, "--quiet", "-m", "m", "--resample", "16", "-b", "24", "-q", "7", str(wav), str(mp3)],
                capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
            )
            if encoded.returncode == 0 and mp3.exists() and mp3.stat().st_size > 0:
                return Audio(mp3.read_bytes(), "mp3", "audio/mpeg")
        # Without lame the uncompressed WAV still plays in every browser.
        return Audio(wav.read_bytes(), "wav", "audio/wav")
