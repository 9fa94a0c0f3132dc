"""Server-made read-aloud audio, one file per distinct text (keyed by its hash)."""
from django.db import models


class SpeechAudio(models.Model):
    text_hash = models.CharField("文本指纹", max_length=64, unique=True)
    file = models.FileField("音频文件", upload_to="elderzone/speech/")
    mime_type = models.CharField("格式", max_length=40)
    characters = models.PositiveIntegerField("字数", default=0)
    size = models.PositiveIntegerField("文件大小（字节）", default=0)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    # Touched when served (at most daily), so the clean-up job keeps what people still listen to.
    last_used_at = models.DateTimeField("最近使用", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "朗读音频"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.text_hash[:12]}（{self.characters} 字）"
