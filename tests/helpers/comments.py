"""Comment helpers: the signed form data a reader posts, a comment stored directly."""

from comments.forms import CommentForm
from tests.factories.comments import CommentFactory


def form_data(post, **fields):
    """What the comment form under ``post`` posts, signed like the rendered form."""
    data = CommentForm(post).generate_security_data()
    data.update(
        {
            "name": "Petra Leserin",
            "email": "petra@example.org",
            "url": "",
            "comment": "Wie laut ist die Außeneinheit nachts?",
            "consent": "on",
            "reply_to": "0",
            "website_confirm": "",
        }
    )
    data.update(fields)
    return data


def stored_comment(post, text, *, approved=True, parent=None):
    """A reader's comment on ``post``, saved directly: no form, no mail.

    ``approved`` comments are public; the others wait in the moderation queue.
    """
    return CommentFactory(post=post, comment=text, parent=parent, waiting=not approved)
