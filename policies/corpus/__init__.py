"""A synthetic corpus of Chinese policy documents in the import format (for benchmarks and tests)."""
from policies.corpus.generator import CorpusGenerator

__all__ = ["CorpusGenerator"]
