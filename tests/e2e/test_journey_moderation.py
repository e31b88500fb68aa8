"""Journey 3: an editor moderates comments in the admin (approve, answer officially, reject).

Not written yet: the moderation queue in the admin is being rebuilt. The
skipped test keeps the gap visible in every test run until it is.
"""

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.skip(reason="journey 3 waits for the rebuilt comment moderation queue (issue 9)")
def test_editor_approves_answers_officially_and_rejects_spam_with_a_reason():
    """Approve a held comment, answer a public one officially, reject spam with a reason."""
