"""The demo policy documents, grouped by field; policies/demo.py loads them."""
from policies.demo_data.economy import DOCUMENTS as ECONOMY
from policies.demo_data.livelihood import DOCUMENTS as LIVELIHOOD
from policies.demo_data.social import DOCUMENTS as SOCIAL

DOCUMENTS = SOCIAL + LIVELIHOOD + ECONOMY
