"""URL routes of the comments app (mounted at the site root by settings.urls).

Only views that ask ``CommentPolicy`` are mounted. xtd's and django_comments'
own URLs (REST API, ``post/``, flag/like views, the latest-comments feed) are
deliberately absent: they answer for objects the reader may not see.
"""

from django.urls import path

from .views import actions, api, feeds, posting, readers

app_name = "stimme_comments"

urlpatterns = [
    path("comments/post/", posting.post_comment, name="post"),
    path("comments/reply/<id:comment_id>/", posting.reply, name="reply"),
    path("comments/pending/<str:token>/", posting.pending, name="pending"),
    path("comments/confirm/<str:token>/", posting.confirm, name="confirm"),
    path("comments/<id:comment_id>/like/", actions.like, name="like"),
    # Like mails sent before likes became one click: lead to the comment.
    path("comments/like/<str:token>/", actions.confirm_like, name="confirm_like"),
    # Never cached: this reader's waiting comments, likes and news on one post.
    path("comments/mine/<id:page_id>/", readers.reader_state, name="reader_state"),
    path("comments/<id:comment_id>/report/", actions.report, name="report"),
    path("comments/<id:comment_id>/official/", actions.official, name="official"),
    path("comments/<id:comment_id>/edit/", actions.edit, name="edit"),
    path(
        "comments/<id:comment_id>/rejection/seen/",
        actions.dismiss_rejection,
        name="dismiss_rejection",
    ),
    path("comments/edit/<str:token>/", actions.edit_by_link, name="edit_by_link"),
    path("comments/mute/<str:token>/", actions.mute, name="mute"),
    path("comments/feed/", feeds.comment_feed, name="feed"),
    path("comments/feed/<id:page_id>/", feeds.comment_feed, name="post_feed"),
    path("comments/api/comment/", api.comment_create, name="api_create"),
    path(
        "comments/api/<str:content_type>/<str:object_pk>/",
        api.comment_list,
        name="api_list",
    ),
    path(
        "comments/api/<str:content_type>/<str:object_pk>/count/",
        api.comment_count_view,
        name="api_count",
    ),
]
