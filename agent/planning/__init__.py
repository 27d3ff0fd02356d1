"""Planning: the use-case catalogue, scoring, and the drafters that turn a profile into a Roadmap."""

from agent.planning.catalogue import Catalogue, load_catalogue
from agent.planning.offline import OfflineDrafter

__all__ = ["Catalogue", "OfflineDrafter", "load_catalogue"]
