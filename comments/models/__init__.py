"""Comment models: the published comment, the one awaiting confirmation, feedback, settings."""

from .comments import StimmeComment
from .feedback import CommentLike, CommentReport
from .guidelines import CommunityGuideline, CommunityGuidelinesPage
from .moderation import (
    BlockedSender,
    ModerationLogEntry,
    ModerationStatus,
    ModeratorDigest,
    network_of,
)
from .pending import PendingComment
from .settings import (
    CommentRules,
    CommentSettings,
    ModerationPolicy,
    PostCommentOptions,
    comment_rules,
)

__all__ = [
    "BlockedSender",
    "CommunityGuideline",
    "CommunityGuidelinesPage",
    "ModerationLogEntry",
    "ModerationPolicy",
    "ModerationStatus",
    "ModeratorDigest",
    "network_of",
    "CommentLike",
    "CommentReport",
    "CommentRules",
    "CommentSettings",
    "PendingComment",
    "PostCommentOptions",
    "StimmeComment",
    "comment_rules",
]
