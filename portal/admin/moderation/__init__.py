"""/admin/moderation/: the moderators' queue of citizens' complaints and suggestions."""

from portal.admin.moderation.views import DASHBOARD_LINK, bp

__all__ = ["DASHBOARD_LINK", "bp"]
