"""The moderation queue in the Wagtail admin: what waits, who may see it, what moderators do."""
