"""Extra haystack field types understood by portal.search.backend."""
from haystack import indexes


class ExactField(indexes.CharField):
    """A value matched as a whole, never cut into words: a normalised 发文字号, a facet value.

    The backend stores it as a Whoosh ID field (one term, case kept), so a filter on it is exact
    and cheap, unlike a CharField, which haystack would analyse as English text.
    """

    field_type = "exact"
