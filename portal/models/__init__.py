"""SQLAlchemy models of the whole domain."""

from portal.models.account import AuditLog, Role, SignInFailure, User
from portal.models.alert import (
    AlertEvent,
    AlertMatch,
    AlertMessage,
    AlertRecipient,
    AlertSubscription,
    Frequency,
    MessageStatus,
)
from portal.models.announcement import Announcement, Batch, Result, Scope
from portal.models.base import Base, PublicationStatus, utcnow
from portal.models.campaign import (
    Campaign,
    CampaignBallot,
    CampaignChoice,
    CampaignStatus,
    CampaignVote,
    ChoiceKind,
)
from portal.models.catalog import CatalogProduct, CatalogTestItem, ProductCategory
from portal.models.enterprise import Enterprise, EnterpriseName
from portal.models.participation import (
    PlanItem,
    Submission,
    SubmissionEvent,
    SubmissionKind,
    SubmissionPhoto,
    SubmissionStatus,
)
from portal.models.recall import Recall, RecallKind, RecallType
from portal.models.regulation import (
    Article,
    Regulation,
    RegulationLevel,
    RegulationStatus,
    RegulationVersion,
)
from portal.models.revision import Revision, SiteState
from portal.models.search import SearchRecord, SearchSynonym, SearchTally, SearchTallyTerm
from portal.models.stats import StatsFailedItem, StatsTally, StatsTallyRow

__all__ = [
    "AlertEvent",
    "AlertMatch",
    "AlertMessage",
    "AlertRecipient",
    "AlertSubscription",
    "Frequency",
    "MessageStatus",
    "Announcement",
    "Article",
    "AuditLog",
    "Base",
    "Batch",
    "CatalogProduct",
    "CatalogTestItem",
    "Campaign",
    "CampaignBallot",
    "CampaignChoice",
    "CampaignStatus",
    "CampaignVote",
    "ChoiceKind",
    "Enterprise",
    "EnterpriseName",
    "PlanItem",
    "ProductCategory",
    "PublicationStatus",
    "Recall",
    "RecallKind",
    "RecallType",
    "Regulation",
    "RegulationLevel",
    "RegulationStatus",
    "RegulationVersion",
    "Result",
    "Revision",
    "Role",
    "SearchRecord",
    "SearchSynonym",
    "SearchTally",
    "SearchTallyTerm",
    "Scope",
    "SignInFailure",
    "SiteState",
    "StatsFailedItem",
    "StatsTally",
    "StatsTallyRow",
    "Submission",
    "SubmissionEvent",
    "SubmissionKind",
    "SubmissionPhoto",
    "SubmissionStatus",
    "User",
    "utcnow",
]
