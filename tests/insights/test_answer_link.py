"""The "Answer" link of the weekly mail and the dashboard opens the answer form.

It pointed at the answer form's POST-only target: 405 for every editor who
followed it (found by the mail link check of the running site, tests/live).
"""

import re
from urllib.parse import urlsplit

import pytest

from insights.summary import send_weekly_summary
from operations.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_answer_link_in_the_weekly_mail_opens_the_answer_form(client, editor, comment_data):
    send_weekly_summary()
    text = OutboxMessage.objects.get(to=editor.email).body_text
    links = re.findall(r"https?://\S+/admin/comment-moderation/\S+", text)
    assert links, text
    client.force_login(editor)
    for link in links:
        response = client.get(urlsplit(link).path)
        assert response.status_code == 200, link
        assert 'id="company-reply"' in response.content.decode()
