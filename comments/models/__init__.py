"""Comment models: the published comment, the one awaiting confirmation, feedback, settings."""

from .comments import StimmeComment
from .feedback import CommentLike, CommentReport
from .pending import PendingComment
from .settings import CommentRules, CommentSettings, PostCommentOptions, comment_rules

__all__ = [
    "CommentLike",
    "CommentReport",
    "CommentRules",
    "CommentSettings",
    "PendingComment",
    "PostCommentOptions",
    "StimmeComment",
    "comment_rules",
]
