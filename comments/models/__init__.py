"""Comment models: the published comment, the one awaiting confirmation, feedback, settings."""

from .comments import StimmeComment
from .feedback import CommentLike, CommentReport
from .pending import PendingComment
from .settings import CommentSettings, PostCommentOptions

__all__ = [
    "CommentLike",
    "CommentReport",
    "CommentSettings",
    "PendingComment",
    "PostCommentOptions",
    "StimmeComment",
]
