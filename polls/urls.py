from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("polls/<id:poll_id>/vote/", views.vote, name="vote"),
    path("polls/<id:poll_id>/mine/", views.mine, name="mine"),
]
