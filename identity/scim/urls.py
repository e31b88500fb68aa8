from django.urls import path

from . import views

urlpatterns = [
    path("scim/v2/Users", views.users, name="scim_users"),
    path("scim/v2/Users/<str:scim_id>", views.user, name="scim_user"),
    path("scim/v2/Groups", views.groups, name="scim_groups"),
    path("scim/v2/Groups/<str:scim_id>", views.group, name="scim_group"),
]
