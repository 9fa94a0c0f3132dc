"""Read-aloud on the server: espeak-ng (Mandarin) → web audio, cached per text hash."""
