from django.urls import path

from . import discovery, views

urlpatterns = [
    path("scim/v2/Users", views.users, name="scim_users"),
    path("scim/v2/Users/<str:scim_id>", views.user, name="scim_user"),
    path("scim/v2/Groups", views.groups, name="scim_groups"),
    path("scim/v2/Groups/<str:scim_id>", views.group, name="scim_group"),
    path("scim/v2/ServiceProviderConfig", discovery.provider_config, name="scim_provider_config"),
    path("scim/v2/ResourceTypes", discovery.resource_type_list, name="scim_resource_types"),
    path("scim/v2/ResourceTypes/<str:name>", discovery.resource_type, name="scim_resource_type"),
    path("scim/v2/Schemas", discovery.schema_list, name="scim_schemas"),
    path("scim/v2/Schemas/<str:urn>", discovery.schema, name="scim_schema"),
]
